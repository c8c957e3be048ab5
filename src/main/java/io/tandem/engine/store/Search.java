package io.tandem.engine.store;

import java.util.List;

/**
 * What a search asks of one of the engine's tables, independent of the REST shape: criteria on
 * named fields, a sort, and a page (offset or cursor). Field names are the API's; each
 * {@link SearchTable} maps them to its columns.
 */
public final class Search {

  /** Camunda caps counted hits, as its RDBMS secondary storage does; more is flagged, not counted. */
  public static final int MAX_TOTAL_ITEMS = 10_000;

  private Search() {}

  public enum Op {
    EQ,
    NEQ,
    GT,
    GTE,
    LT,
    LTE,
    LIKE,
    IN,
    NOT_IN,
    EXISTS,
    NOT_EXISTS
  }

  public sealed interface Criterion permits Match, AnyOf, Related {}

  /** {@code field op value}; the value is a list for IN and NOT_IN and null for (NOT_)EXISTS. */
  public record Match(String field, Op op, Object value) implements Criterion {}

  /** At least one alternative holds; each alternative holds when all its criteria do. */
  public record AnyOf(List<List<Criterion>> alternatives) implements Criterion {}

  /** A related row (a variable, an element instance) exists that meets all the criteria. */
  public record Related(String relation, List<Criterion> criteria) implements Criterion {}

  public record Sort(String field, boolean descending) {}

  /** Either an offset ({@code from}) or a cursor ({@code after} or {@code before}), never both. */
  public record PageRequest(int limit, int from, String after, String before) {
    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 10_000;

    public static PageRequest first(int limit) {
      return new PageRequest(limit, 0, null, null);
    }
  }

  public record Query(List<Criterion> criteria, List<Sort> sort, PageRequest page) {}

  /**
   * One page of rows; the total is capped at {@link #MAX_TOTAL_ITEMS} and then flagged. Cursors
   * are opaque: the start cursor pages back with {@code before}, the end cursor on with {@code after}.
   */
  public record Page<T>(List<T> items, long totalItems, boolean hasMoreTotalItems, String startCursor,
      String endCursor) {}

  /** A search that can't run as asked (a malformed cursor, an unknown field): the caller's fault. */
  public static final class InvalidQuery extends RuntimeException {
    public InvalidQuery(String message) {
      super(message, null, false, false);
    }
  }
}

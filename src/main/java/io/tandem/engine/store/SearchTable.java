package io.tandem.engine.store;

import io.tandem.engine.store.Search.AnyOf;
import io.tandem.engine.store.Search.Criterion;
import io.tandem.engine.store.Search.InvalidQuery;
import io.tandem.engine.store.Search.Match;
import io.tandem.engine.store.Search.Page;
import io.tandem.engine.store.Search.PageRequest;
import io.tandem.engine.store.Search.Query;
import io.tandem.engine.store.Search.Related;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

/**
 * One searchable table (or join) and how the API's field names map onto its columns; turns a
 * {@link Query} into SQL. Sorting always ends on the key, so every order is total, and a cursor is
 * the last row's sort values (base64 of a JSON array): the next page is the rows after it in that
 * order (keyset paging), which stays stable while rows are added. Nulls sort last either way.
 */
public final class SearchTable {

  public enum Type {
    TEXT,
    LONG,
    INT,
    TIMESTAMP,
    BOOLEAN,
    /** a text[] column: a match is on its elements (candidate groups, users) */
    TEXT_ARRAY
  }

  public record Column(String sql, Type type, boolean nullable) {}

  /** Rows of another table correlated with this one's rows ({@code exists (select 1 from …)}). */
  private record Relation(String fromWhere, Map<String, Column> columns) {}

  /** Up to this many matches, a page is sorted from all matches rather than read in index order. */
  static final int FEW_MATCHES = 2_000;

  private final String from;
  private final String baseWhere;
  private final Column key;
  private final Map<String, Column> columns = new LinkedHashMap<>();
  private final Map<String, Relation> relations = new LinkedHashMap<>();

  private SearchTable(String from, String baseWhere, Column key) {
    this.from = from;
    this.baseWhere = baseWhere;
    this.key = key;
  }

  /** {@code from} names the main table {@code t}; its key column orders ties. */
  public static SearchTable of(String from, String keyColumn) {
    return new SearchTable(from, null, new Column(keyColumn, Type.LONG, false));
  }

  /** As above, restricted to the rows a base condition admits (resources of one kind). */
  public static SearchTable of(String from, String baseWhere, String keyColumn) {
    return new SearchTable(from, baseWhere, new Column(keyColumn, Type.LONG, false));
  }

  public SearchTable column(String field, String sql, Type type) {
    columns.put(field, new Column(sql, type, true));
    return this;
  }

  public SearchTable required(String field, String sql, Type type) {
    columns.put(field, new Column(sql, type, false));
    return this;
  }

  /** A relation: {@code fromWhere} is "table alias where correlation", its fields its columns. */
  public SearchTable relation(String name, String fromWhere, Map<String, Column> relationColumns) {
    relations.put(name, new Relation(fromWhere, relationColumns));
    return this;
  }

  public static Column text(String sql) {
    return new Column(sql, Type.TEXT, true);
  }

  public static Column column(String sql, Type type) {
    return new Column(sql, type, true);
  }

  /** Runs a search: {@code select} lists what {@code rows} reads, from alias {@code t} and joins. */
  public <T> Page<T> search(JdbcTemplate jdbc, String select, Query query, RowMapper<T> rows) {
    Sql where = new Sql();
    where.append(baseWhere == null ? "true" : baseWhere);
    for (Criterion criterion : query.criteria()) {
      where.append(" and ");
      criterion(where, criterion, columns);
    }
    long counted = count(jdbc, where);

    List<SortKey> sort = sortKeys(query.sort());
    PageRequest page = query.page();
    boolean backwards = page.before() != null;
    // Few matches: select them all first, then sort. Otherwise the planner may walk an index in
    // sort order and filter as it goes, expecting to meet matches soon, when they are rare (a new
    // candidate group) and it walks the whole table. The count just told us which case this is.
    boolean few = counted <= FEW_MATCHES;
    Sql sql = new Sql();
    sql.append(few ? "with matches as materialized (select " : "select ").append(select);
    for (int i = 0; i < sort.size(); i++) {
      sql.append(", ").append(sort.get(i).column.sql()).append(" as sort_").append(String.valueOf(i));
    }
    sql.append(" from ").append(from).append(" where ").append(where);
    String cursor = backwards ? page.before() : page.after();
    if (cursor != null) {
      sql.append(" and ");
      after(sql, sort, decode(cursor, sort), backwards);
    }
    sql.append(few ? ") select * from matches order by " : " order by ");
    for (int i = 0; i < sort.size(); i++) {
      SortKey k = sort.get(i);
      boolean descending = k.descending != backwards;
      sql.append(i == 0 ? "" : ", ").append(few ? "sort_" + i : k.column.sql()).append(descending ? " desc" : " asc");
      if (k.column.nullable()) {
        sql.append(backwards ? " nulls first" : " nulls last");
      }
    }
    sql.append(" limit ? offset ?").bind(page.limit()).bind(page.from());

    List<String> cursors = new ArrayList<>();
    List<T> items = jdbc.query(sql.text(), sql.args(), (rs, n) -> {
      cursors.add(encode(rs, sort));
      return rows.mapRow(rs, n);
    });
    if (backwards) {
      Collections.reverse(items);
      Collections.reverse(cursors);
    }
    boolean more = counted > Search.MAX_TOTAL_ITEMS;
    return new Page<>(items, more ? Search.MAX_TOTAL_ITEMS : counted, more,
        cursors.isEmpty() ? null : cursors.get(0),
        cursors.isEmpty() ? null : cursors.get(cursors.size() - 1));
  }

  private long count(JdbcTemplate jdbc, Sql where) {
    Sql count = new Sql();
    count.append("select count(*) from (select 1 from ").append(from).append(" where ").append(where)
        .append(" limit ?) counted").bind(Search.MAX_TOTAL_ITEMS + 1);
    Long n = jdbc.queryForObject(count.text(), Long.class, count.args());
    return n == null ? 0 : n;
  }

  // --- criteria ---------------------------------------------------------------------------

  private void criterion(Sql sql, Criterion criterion, Map<String, Column> scope) {
    if (criterion instanceof Match match) {
      match(sql, column(scope, match.field()), match);
    } else if (criterion instanceof AnyOf any) {
      sql.append("(");
      if (any.alternatives().isEmpty()) {
        sql.append("true");
      }
      for (int i = 0; i < any.alternatives().size(); i++) {
        sql.append(i == 0 ? "(true" : " or (true");
        for (Criterion inner : any.alternatives().get(i)) {
          sql.append(" and ");
          criterion(sql, inner, scope);
        }
        sql.append(")");
      }
      sql.append(")");
    } else if (criterion instanceof Related related) {
      Relation relation = relations.get(related.relation());
      if (relation == null) {
        throw new InvalidQuery("Unknown filter field '" + related.relation() + "'");
      }
      sql.append("exists (select 1 from ").append(relation.fromWhere());
      for (Criterion inner : related.criteria()) {
        sql.append(" and ");
        criterion(sql, inner, relation.columns());
      }
      sql.append(")");
    }
  }

  private static Column column(Map<String, Column> scope, String field) {
    Column column = scope.get(field);
    if (column == null) {
      throw new InvalidQuery("Unknown filter field '" + field + "'");
    }
    return column;
  }

  private static void match(Sql sql, Column column, Match match) {
    if (column.type() == Type.TEXT_ARRAY) {
      arrayMatch(sql, column, match);
      return;
    }
    String c = column.sql();
    switch (match.op()) {
      case EQ -> sql.append(c).append(" = ?").bind(value(column, match.value()));
      case NEQ -> sql.append(c).append(" is distinct from ?").bind(value(column, match.value()));
      case GT -> sql.append(c).append(" > ?").bind(value(column, match.value()));
      case GTE -> sql.append(c).append(" >= ?").bind(value(column, match.value()));
      case LT -> sql.append(c).append(" < ?").bind(value(column, match.value()));
      case LTE -> sql.append(c).append(" <= ?").bind(value(column, match.value()));
      case LIKE -> sql.append(c).append("::text like ?").bind(likePattern(String.valueOf(match.value())));
      case IN -> in(sql, c, column, match.value(), false);
      case NOT_IN -> in(sql, c, column, match.value(), true);
      case EXISTS -> sql.append(c).append(" is not null");
      case NOT_EXISTS -> sql.append(c).append(" is null");
    }
  }

  private static void in(Sql sql, String c, Column column, Object values, boolean negated) {
    List<?> list = (List<?>) values;
    if (list.isEmpty()) {
      sql.append(negated ? "true" : "false");
      return;
    }
    sql.append(negated ? "(" + c + " is null or " + c + " not in (" : c + " in (");
    for (int i = 0; i < list.size(); i++) {
      sql.append(i == 0 ? "?" : ", ?").bind(value(column, list.get(i)));
    }
    sql.append(negated ? "))" : ")");
  }

  /** Matches on the elements of a text[] column; the GIN index serves {@code @>} and {@code &&}. */
  private static void arrayMatch(Sql sql, Column column, Match match) {
    String c = column.sql();
    switch (match.op()) {
      case EQ -> sql.append(c).append(" @> array[?]::text[]").bind(text(match.value()));
      case NEQ -> sql.append("not (").append(c).append(" @> array[?]::text[])").bind(text(match.value()));
      case IN, NOT_IN -> {
        List<?> list = (List<?>) match.value();
        if (list.isEmpty()) {
          sql.append(match.op() == Search.Op.IN ? "false" : "true");
          return;
        }
        sql.append(match.op() == Search.Op.IN ? "" : "not ").append(c).append(" && array[");
        for (int i = 0; i < list.size(); i++) {
          sql.append(i == 0 ? "?" : ", ?").bind(text(list.get(i)));
        }
        sql.append("]::text[]");
      }
      case LIKE -> sql.append("exists (select 1 from unnest(").append(c).append(") element where element like ?)")
          .bind(likePattern(String.valueOf(match.value())));
      case EXISTS -> sql.append("cardinality(").append(c).append(") > 0");
      case NOT_EXISTS -> sql.append("cardinality(").append(c).append(") = 0");
      default -> throw new InvalidQuery("Operator " + match.op() + " does not apply to a list of names");
    }
  }

  private static String text(Object value) {
    if (!(value instanceof String s)) {
      throw new InvalidQuery("Expected a text value, but got '" + value + "'");
    }
    return s;
  }

  /** The value in the column's SQL type; a value of the wrong kind is the caller's mistake. */
  private static Object value(Column column, Object value) {
    if (value == null) {
      return null;
    }
    return switch (column.type()) {
      case TEXT, TEXT_ARRAY -> value instanceof String ? value : String.valueOf(value);
      case LONG -> {
        if (value instanceof Number n) {
          yield n.longValue();
        }
        throw new InvalidQuery("Expected a number, but got '" + value + "'");
      }
      case INT -> {
        if (value instanceof Number n) {
          yield n.intValue();
        }
        throw new InvalidQuery("Expected a number, but got '" + value + "'");
      }
      case TIMESTAMP -> {
        if (value instanceof Instant instant) {
          yield Timestamp.from(instant);
        }
        throw new InvalidQuery("Expected a date-time, but got '" + value + "'");
      }
      case BOOLEAN -> {
        if (value instanceof Boolean b) {
          yield b;
        }
        throw new InvalidQuery("Expected true or false, but got '" + value + "'");
      }
    };
  }

  /** Camunda's wildcards ({@code *} any run, {@code ?} one character, {@code \} escapes) as LIKE. */
  static String likePattern(String wildcard) {
    StringBuilder like = new StringBuilder();
    for (int i = 0; i < wildcard.length(); i++) {
      char ch = wildcard.charAt(i);
      if (ch == '\\' && i + 1 < wildcard.length()) {
        char next = wildcard.charAt(++i);
        like.append(next == '%' || next == '_' || next == '\\' ? "\\" + next : String.valueOf(next));
      } else if (ch == '*') {
        like.append('%');
      } else if (ch == '?') {
        like.append('_');
      } else if (ch == '%' || ch == '_' || ch == '\\') {
        like.append('\\').append(ch);
      } else {
        like.append(ch);
      }
    }
    return like.toString();
  }

  // --- sort and cursors -------------------------------------------------------------------

  private record SortKey(Column column, boolean descending) {}

  private List<SortKey> sortKeys(List<Search.Sort> sorts) {
    List<SortKey> keys = new ArrayList<>();
    boolean hasKey = false;
    for (Search.Sort sort : sorts) {
      Column column = columns.get(sort.field());
      if (column == null || column.type() == Type.TEXT_ARRAY) {
        throw new InvalidQuery("Unknown sort field '" + sort.field() + "'");
      }
      keys.add(new SortKey(column, sort.descending()));
      hasKey |= column.sql().equals(key.sql());
    }
    if (!hasKey) {
      keys.add(new SortKey(key, false));
    }
    return keys;
  }

  /**
   * Rows strictly after the cursor's row in the order asked for (or strictly before it, when
   * paging backwards): the first differing sort value decides, nulls last.
   */
  private static void after(Sql sql, List<SortKey> sort, List<Object> values, boolean backwards) {
    List<String> alternatives = new ArrayList<>();
    List<Object> args = new ArrayList<>();
    for (int i = 0; i < sort.size(); i++) {
      StringBuilder alternative = new StringBuilder("(true");
      List<Object> alternativeArgs = new ArrayList<>();
      for (int j = 0; j < i; j++) {
        Object v = values.get(j);
        if (v == null) {
          alternative.append(" and ").append(sort.get(j).column.sql()).append(" is null");
        } else {
          alternative.append(" and ").append(sort.get(j).column.sql()).append(" = ?");
          alternativeArgs.add(v);
        }
      }
      SortKey k = sort.get(i);
      boolean descending = k.descending != backwards;
      boolean nullsLast = !backwards;
      Object v = values.get(i);
      String c = k.column.sql();
      if (v == null) {
        if (nullsLast) {
          continue; // nothing sorts after a null
        }
        alternative.append(" and ").append(c).append(" is not null)");
      } else {
        alternative.append(" and (").append(c).append(descending ? " < ?" : " > ?");
        alternativeArgs.add(v);
        if (nullsLast && k.column.nullable()) {
          alternative.append(" or ").append(c).append(" is null");
        }
        alternative.append("))");
      }
      alternatives.add(alternative.toString());
      args.addAll(alternativeArgs);
    }
    if (alternatives.isEmpty()) {
      sql.append("false");
      return;
    }
    sql.append("(").append(String.join(" or ", alternatives)).append(")");
    args.forEach(sql::bind);
  }

  private static String encode(ResultSet rs, List<SortKey> sort) throws SQLException {
    List<String> values = new ArrayList<>();
    for (int i = 0; i < sort.size(); i++) {
      String label = "sort_" + i;
      values.add(switch (sort.get(i).column.type()) {
        case TIMESTAMP -> {
          Timestamp t = rs.getTimestamp(label);
          yield t == null ? null : t.toInstant().toString();
        }
        default -> {
          Object o = rs.getObject(label);
          yield o == null ? null : String.valueOf(o);
        }
      });
    }
    return Base64.getUrlEncoder().withoutPadding()
        .encodeToString(Json.write(values).getBytes(StandardCharsets.UTF_8));
  }

  private static List<Object> decode(String cursor, List<SortKey> sort) {
    InvalidQuery invalid = new InvalidQuery("The cursor '" + cursor
        + "' is not valid for this search; use a startCursor or endCursor of the same search");
    List<?> raw;
    try {
      String json = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
      raw = Json.MAPPER.readValue(json, List.class);
    } catch (IllegalArgumentException | com.fasterxml.jackson.core.JsonProcessingException e) {
      throw invalid;
    }
    if (raw.size() != sort.size()) {
      throw invalid;
    }
    List<Object> values = new ArrayList<>();
    for (int i = 0; i < raw.size(); i++) {
      Object v = raw.get(i);
      if (v == null) {
        if (!sort.get(i).column.nullable()) {
          throw invalid;
        }
        values.add(null);
        continue;
      }
      if (!(v instanceof String s)) {
        throw invalid;
      }
      try {
        values.add(switch (sort.get(i).column.type()) {
          case TEXT, TEXT_ARRAY -> s;
          case LONG -> Long.parseLong(s);
          case INT -> Integer.parseInt(s);
          case TIMESTAMP -> Timestamp.from(Instant.parse(s));
          case BOOLEAN -> switch (s) {
            case "true" -> true;
            case "false" -> false;
            default -> throw invalid;
          };
        });
      } catch (NumberFormatException | DateTimeParseException e) {
        throw invalid;
      }
    }
    return values;
  }

  /** SQL text with its arguments, appended together. */
  private static final class Sql {
    private final StringBuilder text = new StringBuilder();
    private final List<Object> args = new ArrayList<>();

    Sql append(String s) {
      text.append(s);
      return this;
    }

    Sql append(Sql other) {
      text.append(other.text);
      args.addAll(other.args);
      return this;
    }

    Sql bind(Object arg) {
      args.add(arg);
      return this;
    }

    String text() {
      return text.toString();
    }

    Object[] args() {
      return args.toArray();
    }
  }
}

package io.tandem.engine.store;

import io.tandem.engine.store.SearchTable.Column;
import io.tandem.engine.store.SearchTable.Type;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;

/** Variable searches over the {@code engine_variable} projection; values are JSON text. */
public final class VariableQueries {

  /** Camunda truncates long values in search results unless told not to. */
  public static final int TRUNCATE_AT = 8191;

  public record VariableView(long key, String name, String value, boolean truncated, long scopeKey,
      long processInstanceKey, String tenantId) {}

  /** What a variable filter of another search (process instances, user tasks) matches on. */
  static final Map<String, Column> VALUE_COLUMNS = Map.of(
      "name", new Column("v.name", Type.TEXT, false),
      "value", new Column("v.value", Type.TEXT, false),
      // a string variable's content, unquoted
      "textValue", new Column("(case when v.value like '\"%' then v.value::jsonb #>> '{}' end)", Type.TEXT, true));

  private static final String COLUMNS =
      "t.key, t.name, t.value, t.scope_key, t.process_instance_key, t.tenant_id";

  private static SearchTable table(String from) {
    return SearchTable.of(from, "t.key")
        .required("variableKey", "t.key", Type.LONG)
        .required("name", "t.name", Type.TEXT)
        .required("value", "t.value", Type.TEXT)
        .required("tenantId", "t.tenant_id", Type.TEXT)
        .required("isTruncated", "(length(t.value) > " + TRUNCATE_AT + ")", Type.BOOLEAN)
        .required("scopeKey", "t.scope_key", Type.LONG)
        .required("processInstanceKey", "t.process_instance_key", Type.LONG);
  }

  private static final SearchTable TABLE = table("engine_variable t");

  private final JdbcTemplate jdbc;

  public VariableQueries(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  public Search.Page<VariableView> search(Search.Query query, boolean truncate) {
    return TABLE.search(jdbc, COLUMNS, query, (rs, n) -> map(rs, truncate));
  }

  /**
   * The variables a user task sees: those of its element instance and of every scope around it,
   * the innermost one winning where names repeat.
   */
  public Search.Page<VariableView> searchVisible(List<Long> scopeKeysInnermostFirst, Search.Query query,
      boolean truncate) {
    String scopes = scopeKeysInnermostFirst.stream().map(String::valueOf)
        .collect(Collectors.joining(",", "'{", "}'::bigint[]"));
    SearchTable visible = table("(select distinct on (v.name) v.* from engine_variable v"
        + " where v.scope_key = any(" + scopes + ")"
        + " order by v.name, array_position(" + scopes + ", v.scope_key)) t");
    return visible.search(jdbc, COLUMNS, query, (rs, n) -> map(rs, truncate));
  }

  public Optional<VariableView> find(long key) {
    return jdbc.query("select " + COLUMNS + " from engine_variable t where t.key = ?",
        (rs, n) -> map(rs, false), key).stream().findFirst();
  }

  private static VariableView map(ResultSet rs, boolean truncate) throws SQLException {
    String value = rs.getString("value");
    boolean truncated = truncate && value.length() > TRUNCATE_AT;
    return new VariableView(rs.getLong("key"), rs.getString("name"),
        truncated ? value.substring(0, TRUNCATE_AT) : value, truncated, rs.getLong("scope_key"),
        rs.getLong("process_instance_key"), rs.getString("tenant_id"));
  }
}

package io.tandem.engine.store;

import io.tandem.engine.store.SearchTable.Type;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;

/** Element instance searches over the {@code engine_element_instance} projection. */
public final class ElementInstanceQueries {

  public record ElementInstanceView(long key, long processInstanceKey, long processDefinitionKey,
      String bpmnProcessId, String elementId, String elementName, String type, String state,
      Long flowScopeKey, Long incidentKey, Instant startDate, Instant endDate, String tenantId) {}

  private static final String COLUMNS = """
      t.key, t.process_instance_key, t.process_definition_key, t.bpmn_process_id, t.element_id,
      coalesce(t.element_name, t.element_id) as element_name, t.type, t.state, t.flow_scope_key,
      t.incident_key, t.start_date, t.end_date, t.tenant_id""";

  private static final SearchTable TABLE = SearchTable.of("engine_element_instance t", "t.key")
      .required("elementInstanceKey", "t.key", Type.LONG)
      .required("processInstanceKey", "t.process_instance_key", Type.LONG)
      .required("processDefinitionKey", "t.process_definition_key", Type.LONG)
      .required("processDefinitionId", "t.bpmn_process_id", Type.TEXT)
      .required("elementId", "t.element_id", Type.TEXT)
      .required("elementName", "coalesce(t.element_name, t.element_id)", Type.TEXT)
      .required("type", "t.type", Type.TEXT)
      .required("state", "t.state", Type.TEXT)
      .required("hasIncident", "(t.incident_key is not null)", Type.BOOLEAN)
      .column("incidentKey", "t.incident_key", Type.LONG)
      .column("elementInstanceScopeKey", "t.flow_scope_key", Type.LONG)
      .required("startDate", "t.start_date", Type.TIMESTAMP)
      .column("endDate", "t.end_date", Type.TIMESTAMP)
      .required("tenantId", "t.tenant_id", Type.TEXT);

  private final JdbcTemplate jdbc;

  public ElementInstanceQueries(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  public Search.Page<ElementInstanceView> search(Search.Query query) {
    return TABLE.search(jdbc, COLUMNS, query, ElementInstanceQueries::map);
  }

  public Optional<ElementInstanceView> find(long key) {
    return jdbc.query("select " + COLUMNS + " from engine_element_instance t where t.key = ?",
        ElementInstanceQueries::map, key).stream().findFirst();
  }

  /** An element instance and the scopes around it up to its process instance, innermost first. */
  public List<Long> scopeChain(long elementInstanceKey) {
    return jdbc.queryForList("""
        with recursive chain (key, flow_scope_key, depth) as (
          select key, flow_scope_key, 0 from engine_element_instance where key = ?
          union all
          select e.key, e.flow_scope_key, c.depth + 1 from engine_element_instance e
            join chain c on e.key = c.flow_scope_key)
        select key from chain order by depth""", Long.class, elementInstanceKey);
  }

  private static ElementInstanceView map(ResultSet rs, int row) throws SQLException {
    return new ElementInstanceView(rs.getLong("key"), rs.getLong("process_instance_key"),
        rs.getLong("process_definition_key"), rs.getString("bpmn_process_id"),
        rs.getString("element_id"), rs.getString("element_name"), rs.getString("type"),
        rs.getString("state"), (Long) rs.getObject("flow_scope_key"),
        (Long) rs.getObject("incident_key"), UserTaskStore.instant(rs, "start_date"),
        UserTaskStore.instant(rs, "end_date"), rs.getString("tenant_id"));
  }
}

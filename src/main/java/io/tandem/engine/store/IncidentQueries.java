package io.tandem.engine.store;

import io.tandem.engine.store.SearchTable.Type;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;

/** Incident searches over {@code engine_incident}, active and resolved. */
public final class IncidentQueries {

  public record IncidentView(long key, String state, String errorType, String errorMessage,
      long processInstanceKey, long elementInstanceKey, String elementId, Long jobKey,
      String bpmnProcessId, long processDefinitionKey, Instant creationTime, String tenantId) {}

  private static final String COLUMNS = """
      t.key, t.state, t.error_type, t.error_message, t.process_instance_key, t.element_instance_key,
      t.element_id, t.job_key, t.bpmn_process_id, t.process_definition_key, t.created_at, t.tenant_id""";

  private static final SearchTable TABLE = SearchTable.of("engine_incident t", "t.key")
      .required("incidentKey", "t.key", Type.LONG)
      .required("processDefinitionKey", "t.process_definition_key", Type.LONG)
      .required("processDefinitionId", "t.bpmn_process_id", Type.TEXT)
      .required("processInstanceKey", "t.process_instance_key", Type.LONG)
      .required("errorType", "t.error_type", Type.TEXT)
      .required("errorMessage", "t.error_message", Type.TEXT)
      .required("elementId", "t.element_id", Type.TEXT)
      .required("elementInstanceKey", "t.element_instance_key", Type.LONG)
      .required("creationTime", "t.created_at", Type.TIMESTAMP)
      .required("state", "t.state", Type.TEXT)
      .column("jobKey", "t.job_key", Type.LONG)
      .required("tenantId", "t.tenant_id", Type.TEXT);

  private final JdbcTemplate jdbc;

  public IncidentQueries(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  public Search.Page<IncidentView> search(Search.Query query) {
    return TABLE.search(jdbc, COLUMNS, query, IncidentQueries::map);
  }

  public Optional<IncidentView> find(long key) {
    return jdbc.query("select " + COLUMNS + " from engine_incident t where t.key = ?",
        IncidentQueries::map, key).stream().findFirst();
  }

  private static IncidentView map(ResultSet rs, int row) throws SQLException {
    return new IncidentView(rs.getLong("key"), rs.getString("state"), rs.getString("error_type"),
        rs.getString("error_message"), rs.getLong("process_instance_key"),
        rs.getLong("element_instance_key"), rs.getString("element_id"), (Long) rs.getObject("job_key"),
        rs.getString("bpmn_process_id"), rs.getLong("process_definition_key"),
        UserTaskStore.instant(rs, "created_at"), rs.getString("tenant_id"));
  }
}

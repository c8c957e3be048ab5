package io.tandem.engine.store;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;

/** Incidents: why an element instance is stuck, until someone resolves it. */
public final class IncidentStore {

  public record IncidentRow(long key, String state, String errorType, String errorMessage,
      long processInstanceKey, long elementInstanceKey, String elementId, Long jobKey,
      String bpmnProcessId, long processDefinitionKey, String tenantId) {}

  private final JdbcTemplate jdbc;

  public IncidentStore(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  public void insert(IncidentRow i, Instant now) {
    jdbc.update("""
        insert into engine_incident (key, state, error_type, error_message, process_instance_key,
          element_instance_key, element_id, job_key, bpmn_process_id, process_definition_key,
          tenant_id, created_at) values (?, 'ACTIVE', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
        i.key(), i.errorType(), i.errorMessage(), i.processInstanceKey(), i.elementInstanceKey(),
        i.elementId(), i.jobKey(), i.bpmnProcessId(), i.processDefinitionKey(), i.tenantId(),
        Timestamp.from(now));
  }

  public Optional<IncidentRow> find(long key) {
    return jdbc.query("select * from engine_incident where key = ?", (rs, n) -> new IncidentRow(
            rs.getLong("key"), rs.getString("state"), rs.getString("error_type"),
            rs.getString("error_message"), rs.getLong("process_instance_key"),
            rs.getLong("element_instance_key"), rs.getString("element_id"),
            (Long) rs.getObject("job_key"), rs.getString("bpmn_process_id"),
            rs.getLong("process_definition_key"), rs.getString("tenant_id")), key)
        .stream().findFirst();
  }

  public void resolve(long key) {
    jdbc.update("update engine_incident set state = 'RESOLVED' where key = ?", key);
  }
}

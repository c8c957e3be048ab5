package io.tandem.engine.store;

import io.tandem.engine.state.InstanceDocument;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;

/** Process instance documents; {@link #lock} serializes all commands on one instance. */
public final class InstanceStore {

  private final JdbcTemplate jdbc;

  public InstanceStore(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  public Optional<InstanceDocument> lock(long key) {
    List<InstanceDocument> found = jdbc.query(
        "select document from engine_process_instance where key = ? for update",
        (rs, i) -> Json.read(rs.getString(1), InstanceDocument.class), key);
    return found.stream().findFirst();
  }

  /** Locks the instance a job belongs to, in one round trip (the job row itself stays unlocked). */
  public Optional<InstanceDocument> lockOfJob(long jobKey) {
    List<InstanceDocument> found = jdbc.query("""
        select document from engine_process_instance
        where key = (select process_instance_key from engine_job where key = ?) for update""",
        (rs, i) -> Json.read(rs.getString(1), InstanceDocument.class), jobKey);
    return found.stream().findFirst();
  }

  /** Reads several instances in one query, by key (missing keys are absent from the map). */
  public Map<Long, InstanceDocument> readAll(Collection<Long> keys) {
    Map<Long, InstanceDocument> documents = new HashMap<>();
    if (!keys.isEmpty()) {
      jdbc.query("select key, document from engine_process_instance where key = any(?)",
          rs -> {
            documents.put(rs.getLong(1), Json.read(rs.getString(2), InstanceDocument.class));
          }, (Object) keys.stream().distinct().toArray(Long[]::new));
    }
    return documents;
  }

  public void insert(InstanceDocument document) {
    jdbc.update("""
        insert into engine_process_instance (key, bpmn_process_id, process_definition_key, version,
          state, has_incident, start_date, end_date, tenant_id, document)
        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb)""",
        document.key, document.bpmnProcessId, document.processDefinitionKey, document.version,
        document.state.name(), hasIncident(document), timestamp(document.startedAtMillis),
        timestamp(document.endedAtMillis), document.tenantId, Json.write(document));
  }

  public void update(InstanceDocument document) {
    jdbc.update("""
        update engine_process_instance set state = ?, has_incident = ?, end_date = ?,
          document = ?::jsonb where key = ?""",
        document.state.name(), hasIncident(document), timestamp(document.endedAtMillis),
        Json.write(document), document.key);
  }

  private static boolean hasIncident(InstanceDocument document) {
    return document.elements.values().stream().anyMatch(e -> e.incidentKey != null);
  }

  static Timestamp timestamp(Long millis) {
    return millis == null ? null : Timestamp.from(Instant.ofEpochMilli(millis));
  }
}

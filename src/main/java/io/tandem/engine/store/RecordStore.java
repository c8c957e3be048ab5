package io.tandem.engine.store;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/** Appends engine records, one batch per command. */
public final class RecordStore {

  private final JdbcTemplate jdbc;

  public RecordStore(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  public void append(List<EngineRecord> records, Instant at) {
    if (records.isEmpty()) {
      return;
    }
    Timestamp timestamp = Timestamp.from(at);
    jdbc.batchUpdate("""
        insert into engine_record (value_type, intent, key, process_instance_key, element_id,
          element_type, flow_scope_key, payload, created_at)
        values (?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?)""",
        records, records.size(), (ps, r) -> {
          ps.setString(1, r.valueType());
          ps.setString(2, r.intent());
          ps.setLong(3, r.key());
          ps.setObject(4, r.processInstanceKey());
          ps.setString(5, r.elementId());
          ps.setString(6, r.elementType());
          ps.setObject(7, r.flowScopeKey());
          ps.setString(8, r.payload() == null ? null : Json.write(r.payload()));
          ps.setTimestamp(9, timestamp);
        });
  }
}

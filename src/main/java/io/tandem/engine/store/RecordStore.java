package io.tandem.engine.store;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Appends engine records: one statement per command, whatever the number of records, so that
 * PostgreSQL plans it once per connection (arrays unnested in order, rather than a batch).
 */
public final class RecordStore {

  private static final String APPEND = """
      insert into engine_record (value_type, intent, key, process_instance_key, element_id,
        element_type, flow_scope_key, payload, created_at)
      select v, i, k, p, e, t, f, pl::jsonb, ?
      from unnest(?::text[], ?::text[], ?::bigint[], ?::bigint[], ?::text[], ?::text[], ?::bigint[], ?::text[])
        with ordinality as r(v, i, k, p, e, t, f, pl, n)
      order by n""";

  private final JdbcTemplate jdbc;

  public RecordStore(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  public void append(List<EngineRecord> records, Instant at) {
    if (records.isEmpty()) {
      return;
    }
    int n = records.size();
    String[] valueTypes = new String[n];
    String[] intents = new String[n];
    Long[] keys = new Long[n];
    Long[] instances = new Long[n];
    String[] elementIds = new String[n];
    String[] elementTypes = new String[n];
    Long[] flowScopes = new Long[n];
    String[] payloads = new String[n];
    for (int i = 0; i < n; i++) {
      EngineRecord r = records.get(i);
      valueTypes[i] = r.valueType();
      intents[i] = r.intent();
      keys[i] = r.key();
      instances[i] = r.processInstanceKey();
      elementIds[i] = r.elementId();
      elementTypes[i] = r.elementType();
      flowScopes[i] = r.flowScopeKey();
      payloads[i] = r.payload() == null ? null : Json.write(r.payload());
    }
    jdbc.update(APPEND, Timestamp.from(at), valueTypes, intents, keys, instances, elementIds,
        elementTypes, flowScopes, payloads);
  }
}

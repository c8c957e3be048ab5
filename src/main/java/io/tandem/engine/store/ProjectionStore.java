package io.tandem.engine.store;

import io.tandem.engine.state.InstanceDocument;
import io.tandem.engine.state.InstanceDocument.VariableRef;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Keeps the search tables (element instances, variables) in step with a command's records and
 * variable writes, in the command's own transaction.
 */
public final class ProjectionStore {

  private final JdbcTemplate jdbc;
  private final KeyGenerator keys;

  public ProjectionStore(JdbcTemplate jdbc, KeyGenerator keys) {
    this.jdbc = jdbc;
    this.keys = keys;
  }

  /** {@code elementNames} gives an element's name by its id (null when it has none). */
  public void project(InstanceDocument document, List<EngineRecord> records, Instant now,
      Function<String, String> elementNames) {
    Timestamp at = Timestamp.from(now);
    List<EngineRecord> activated = new ArrayList<>();
    Map<String, List<Long>> endedByState = new TreeMap<>();
    List<Object[]> incidents = new ArrayList<>();
    for (EngineRecord r : records) {
      switch (r.valueType() + ":" + r.intent()) {
        case "PROCESS_INSTANCE:ELEMENT_ACTIVATING" -> activated.add(r);
        case "PROCESS_INSTANCE:ELEMENT_COMPLETED" ->
            endedByState.computeIfAbsent("COMPLETED", s -> new ArrayList<>()).add(r.key());
        case "PROCESS_INSTANCE:ELEMENT_TERMINATED" ->
            endedByState.computeIfAbsent("TERMINATED", s -> new ArrayList<>()).add(r.key());
        case "INCIDENT:CREATED" -> incidents.add(new Object[] {r.key(), r.payload().get("elementInstanceKey")});
        case "INCIDENT:RESOLVED" -> jdbc.update(
            "update engine_element_instance set incident_key = null where incident_key = ?", r.key());
        default -> { }
      }
    }
    // one statement each, whatever the number of rows (see RecordStore); an element that starts and
    // ends in the same command is inserted as it ended, sparing an update
    Map<Long, String> endStates = new HashMap<>();
    endedByState.forEach((state, keys) -> keys.forEach(key -> endStates.put(key, state)));
    if (!activated.isEmpty()) {
      jdbc.update("""
          insert into engine_element_instance (key, process_instance_key, process_definition_key,
            bpmn_process_id, element_id, element_name, type, state, flow_scope_key, start_date, end_date,
            tenant_id)
          select k, ?, ?, ?, e, n, t, coalesce(s, 'ACTIVE'), f, ?, case when s is null then null else ?::timestamptz end, ?
          from unnest(?::bigint[], ?::text[], ?::text[], ?::text[], ?::bigint[], ?::text[]) as a(k, e, n, t, f, s)""",
          document.key, document.processDefinitionKey, document.bpmnProcessId, at, at, document.tenantId,
          activated.stream().map(EngineRecord::key).toArray(Long[]::new),
          activated.stream().map(EngineRecord::elementId).toArray(String[]::new),
          activated.stream().map(r -> elementNames.apply(r.elementId())).toArray(String[]::new),
          activated.stream().map(EngineRecord::elementType).toArray(String[]::new),
          activated.stream().map(EngineRecord::flowScopeKey).toArray(Long[]::new),
          activated.stream().map(r -> endStates.get(r.key())).toArray(String[]::new));
    }
    Set<Long> insertedEnded = new HashSet<>();
    activated.forEach(r -> {
      if (endStates.containsKey(r.key())) {
        insertedEnded.add(r.key());
      }
    });
    // by primary key (= any keeps the index; a join with unnest got a generic plan that scanned)
    endedByState.forEach((state, keys) -> {
      Long[] earlier = keys.stream().filter(key -> !insertedEnded.contains(key)).toArray(Long[]::new);
      if (earlier.length > 0) {
        jdbc.update("update engine_element_instance set state = ?, end_date = ? where key = any(?)",
            state, at, earlier);
      }
    });
    if (!incidents.isEmpty()) {
      jdbc.batchUpdate("update engine_element_instance set incident_key = ? where key = ?", incidents);
    }
    projectVariables(document);
  }

  private void projectVariables(InstanceDocument document) {
    Map<VariableRef, Object> changed = document.changedVariables;
    if (changed == null || changed.isEmpty()) {
      return;
    }
    List<Object[]> rows = new ArrayList<>();
    changed.forEach((ref, value) -> rows.add(new Object[] {keys.nextKey(), ref.name(),
        Json.write(value), ref.scopeKey(), document.key, document.processDefinitionKey,
        document.bpmnProcessId, document.tenantId}));
    jdbc.batchUpdate("""
        insert into engine_variable (key, name, value, scope_key, process_instance_key,
          process_definition_key, bpmn_process_id, tenant_id) values (?, ?, ?, ?, ?, ?, ?, ?)
        on conflict (scope_key, name) do update set value = excluded.value""", rows);
    changed.clear();
  }
}

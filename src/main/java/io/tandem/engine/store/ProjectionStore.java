package io.tandem.engine.store;

import io.tandem.engine.state.InstanceDocument;
import io.tandem.engine.state.InstanceDocument.VariableRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Keeps the incidents of element instances and the variables search table in step with a command's
 * records and variable writes, in the command's own transaction (element instances themselves are
 * written with the command's document: {@link InstanceWrites}).
 */
public final class ProjectionStore {

  private final JdbcTemplate jdbc;
  private final KeyGenerator keys;

  public ProjectionStore(JdbcTemplate jdbc, KeyGenerator keys) {
    this.jdbc = jdbc;
    this.keys = keys;
  }

  /** Projects the incidents commands created or resolved, and the variables they changed. */
  public void project(List<InstanceWrites.Change> changes) {
    changes.forEach(change -> projectIncidents(change.document(), change.records()));
    projectVariables(changes);
  }

  private void projectIncidents(InstanceDocument document, List<EngineRecord> records) {
    List<Object[]> raised = new ArrayList<>();
    for (EngineRecord r : records) {
      if ("INCIDENT".equals(r.valueType())) {
        switch (r.intent()) {
          case "CREATED" -> raised.add(new Object[] {r.key(), r.payload().get("elementInstanceKey")});
          case "RESOLVED" -> jdbc.update("update engine_element_instance set incident_key = null"
              + " where process_instance_key = ? and incident_key = ?", document.key, r.key());
          default -> { }
        }
      }
    }
    if (!raised.isEmpty()) {
      jdbc.batchUpdate("update engine_element_instance set incident_key = ? where key = ?", raised);
    }
  }

  /** The variables of all the commands' documents, in one batch (their scopes are distinct). */
  private void projectVariables(List<InstanceWrites.Change> changes) {
    List<Object[]> rows = new ArrayList<>();
    for (InstanceWrites.Change change : changes) {
      InstanceDocument document = change.document();
      Map<VariableRef, Object> changed = document.changedVariables;
      if (changed != null) {
        changed.forEach((ref, value) -> rows.add(new Object[] {keys.nextKey(), ref.name(),
            Json.write(value), ref.scopeKey(), document.key, document.processDefinitionKey,
            document.bpmnProcessId, document.tenantId}));
        changed.clear();
      }
    }
    if (rows.isEmpty()) {
      return;
    }
    jdbc.batchUpdate("""
        insert into engine_variable (key, name, value, scope_key, process_instance_key,
          process_definition_key, bpmn_process_id, tenant_id) values (?, ?, ?, ?, ?, ?, ?, ?)
        on conflict (scope_key, name) do update set value = excluded.value""", rows);
  }
}

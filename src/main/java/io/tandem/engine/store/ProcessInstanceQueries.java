package io.tandem.engine.store;

import io.tandem.engine.store.SearchTable.Column;
import io.tandem.engine.store.SearchTable.Type;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;

/** Process instance searches, with their definitions' names joined in. */
public final class ProcessInstanceQueries {

  public record ProcessInstanceView(long key, String bpmnProcessId, String processName, int version,
      String versionTag, long processDefinitionKey, String state, boolean hasIncident,
      Instant startDate, Instant endDate, String tenantId) {}

  private static final String COLUMNS = """
      t.key, t.bpmn_process_id, coalesce(r.name, t.bpmn_process_id) as process_name, t.version,
      r.version_tag, t.process_definition_key, t.state, t.has_incident, t.start_date, t.end_date,
      t.tenant_id""";

  private static final SearchTable TABLE = SearchTable.of(
          "engine_process_instance t left join engine_resource r on r.key = t.process_definition_key",
          "t.key")
      .required("processInstanceKey", "t.key", Type.LONG)
      .required("processDefinitionId", "t.bpmn_process_id", Type.TEXT)
      .required("processDefinitionName", "coalesce(r.name, t.bpmn_process_id)", Type.TEXT)
      .required("processDefinitionVersion", "t.version", Type.INT)
      .column("processDefinitionVersionTag", "r.version_tag", Type.TEXT)
      .required("processDefinitionKey", "t.process_definition_key", Type.LONG)
      .required("startDate", "t.start_date", Type.TIMESTAMP)
      .column("endDate", "t.end_date", Type.TIMESTAMP)
      .required("state", "t.state", Type.TEXT)
      .required("hasIncident", "t.has_incident", Type.BOOLEAN)
      .required("tenantId", "t.tenant_id", Type.TEXT)
      // no call activities yet: no instance has a parent
      .column("parentProcessInstanceKey", "cast(null as bigint)", Type.LONG)
      .column("parentElementInstanceKey", "cast(null as bigint)", Type.LONG)
      .required("tags", "cast('{}' as text[])", Type.TEXT_ARRAY)
      .relation("variables", "engine_variable v where v.process_instance_key = t.key",
          VariableQueries.VALUE_COLUMNS)
      .relation("elementInstances", "engine_element_instance e where e.process_instance_key = t.key",
          Map.of("elementId", new Column("e.element_id", Type.TEXT, false),
              "elementInstanceState", new Column("e.state", Type.TEXT, false),
              "hasElementInstanceIncident", new Column("(e.incident_key is not null)", Type.BOOLEAN, false)))
      .relation("incidents", "engine_incident i where i.process_instance_key = t.key and i.state = 'ACTIVE'",
          Map.of("errorMessage", new Column("i.error_message", Type.TEXT, false)));

  private final JdbcTemplate jdbc;

  public ProcessInstanceQueries(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  public Search.Page<ProcessInstanceView> search(Search.Query query) {
    return TABLE.search(jdbc, COLUMNS, query, ProcessInstanceQueries::map);
  }

  public Optional<ProcessInstanceView> find(long key) {
    return jdbc.query("select " + COLUMNS + " from engine_process_instance t"
            + " left join engine_resource r on r.key = t.process_definition_key where t.key = ?",
        ProcessInstanceQueries::map, key).stream().findFirst();
  }

  private static ProcessInstanceView map(ResultSet rs, int row) throws SQLException {
    return new ProcessInstanceView(rs.getLong("key"), rs.getString("bpmn_process_id"),
        rs.getString("process_name"), rs.getInt("version"), rs.getString("version_tag"),
        rs.getLong("process_definition_key"), rs.getString("state"), rs.getBoolean("has_incident"),
        UserTaskStore.instant(rs, "start_date"), UserTaskStore.instant(rs, "end_date"),
        rs.getString("tenant_id"));
  }
}

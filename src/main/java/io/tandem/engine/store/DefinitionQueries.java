package io.tandem.engine.store;

import io.tandem.engine.store.SearchTable.Type;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;

/** Searches over deployed process and decision definitions (rows of {@code engine_resource}). */
public final class DefinitionQueries {

  public record ProcessDefinitionView(long key, String bpmnProcessId, String name, int version,
      String versionTag, String resourceName, boolean hasStartForm, String tenantId) {}

  public record DecisionDefinitionView(long key, String decisionId, String name, int version,
      long decisionRequirementsKey, String decisionRequirementsId, String tenantId) {}

  private static final String LATEST = """
      (t.version = (select max(l.version) from engine_resource l
        where l.kind = t.kind and l.resource_id = t.resource_id and l.tenant_id = t.tenant_id))""";

  private static final String PROCESS_COLUMNS =
      "t.key, t.resource_id, t.name, t.version, t.version_tag, t.resource_name, t.has_start_form, t.tenant_id";

  private static final SearchTable PROCESSES = SearchTable.of("engine_resource t", "t.kind = 'PROCESS'", "t.key")
      .required("processDefinitionKey", "t.key", Type.LONG)
      .column("name", "t.name", Type.TEXT)
      .required("isLatestVersion", LATEST, Type.BOOLEAN)
      .required("resourceName", "t.resource_name", Type.TEXT)
      .required("version", "t.version", Type.INT)
      .column("versionTag", "t.version_tag", Type.TEXT)
      .required("processDefinitionId", "t.resource_id", Type.TEXT)
      .required("tenantId", "t.tenant_id", Type.TEXT)
      .required("hasStartForm", "t.has_start_form", Type.BOOLEAN);

  private static final String DECISION_COLUMNS = """
      t.key, t.resource_id, t.name, t.version, t.parent_key, d.resource_id as requirements_id,
      t.tenant_id""";

  private static final SearchTable DECISIONS = SearchTable.of(
          "engine_resource t join engine_resource d on d.key = t.parent_key", "t.kind = 'DECISION'", "t.key")
      .required("decisionDefinitionKey", "t.key", Type.LONG)
      .required("decisionDefinitionId", "t.resource_id", Type.TEXT)
      .column("name", "t.name", Type.TEXT)
      .required("version", "t.version", Type.INT)
      .required("decisionRequirementsId", "d.resource_id", Type.TEXT)
      .required("decisionRequirementsKey", "t.parent_key", Type.LONG)
      .required("tenantId", "t.tenant_id", Type.TEXT);

  private final JdbcTemplate jdbc;

  public DefinitionQueries(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  public Search.Page<ProcessDefinitionView> searchProcesses(Search.Query query) {
    return PROCESSES.search(jdbc, PROCESS_COLUMNS, query, DefinitionQueries::process);
  }

  public Optional<ProcessDefinitionView> findProcess(long key) {
    return jdbc.query("select " + PROCESS_COLUMNS + " from engine_resource t where t.kind = 'PROCESS' and t.key = ?",
        DefinitionQueries::process, key).stream().findFirst();
  }

  public Search.Page<DecisionDefinitionView> searchDecisions(Search.Query query) {
    return DECISIONS.search(jdbc, DECISION_COLUMNS, query, DefinitionQueries::decision);
  }

  public Optional<DecisionDefinitionView> findDecision(long key) {
    return jdbc.query("select " + DECISION_COLUMNS + " from engine_resource t"
            + " join engine_resource d on d.key = t.parent_key where t.kind = 'DECISION' and t.key = ?",
        DefinitionQueries::decision, key).stream().findFirst();
  }

  private static ProcessDefinitionView process(ResultSet rs, int row) throws SQLException {
    return new ProcessDefinitionView(rs.getLong("key"), rs.getString("resource_id"), rs.getString("name"),
        rs.getInt("version"), rs.getString("version_tag"), rs.getString("resource_name"),
        rs.getBoolean("has_start_form"), rs.getString("tenant_id"));
  }

  private static DecisionDefinitionView decision(ResultSet rs, int row) throws SQLException {
    return new DecisionDefinitionView(rs.getLong("key"), rs.getString("resource_id"), rs.getString("name"),
        rs.getInt("version"), rs.getLong("parent_key"), rs.getString("requirements_id"),
        rs.getString("tenant_id"));
  }
}

package io.tandem.engine.store;

import io.tandem.engine.store.SearchTable.Type;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Camunda user tasks: written by the engine in the command's transaction (so the next search sees
 * them), kept after they end, searched by the tasklist.
 */
public final class UserTaskStore {

  public static final String CREATED = "CREATED";
  public static final String COMPLETED = "COMPLETED";
  public static final String CANCELED = "CANCELED";
  // while task listeners run, the state is their event's name: CREATING, ASSIGNING, UPDATING, ...

  public record UserTaskRow(
      long key,
      String state,
      String elementId,
      String name,
      String assignee,
      List<String> candidateGroups,
      List<String> candidateUsers,
      Instant dueDate,
      Instant followUpDate,
      int priority,
      Long formKey,
      String externalFormReference,
      Map<String, String> customHeaders,
      Instant creationDate,
      Instant completionDate,
      long processInstanceKey,
      long elementInstanceKey,
      long processDefinitionKey,
      String bpmnProcessId,
      int processDefinitionVersion,
      String processName,
      String tenantId) {

    /** Completed or canceled: gone for commands, kept for searches. */
    public boolean isEnded() {
      return COMPLETED.equals(state) || CANCELED.equals(state);
    }

    /** The task with other changeable attributes and state. */
    public UserTaskRow with(String state, String assignee, List<String> candidateGroups,
        List<String> candidateUsers, Instant dueDate, Instant followUpDate, int priority) {
      return new UserTaskRow(key, state, elementId, name, assignee, candidateGroups, candidateUsers,
          dueDate, followUpDate, priority, formKey, externalFormReference, customHeaders, creationDate,
          completionDate, processInstanceKey, elementInstanceKey, processDefinitionKey, bpmnProcessId,
          processDefinitionVersion, processName, tenantId);
    }
  }

  /** How a lifecycle transition that waited for task listeners ended: its record's intent. */
  public record TransitionOutcome(String intent, String deniedReason) {}

  private static final String COLUMNS = """
      t.key, t.state, t.element_id, t.name, t.assignee, t.candidate_groups, t.candidate_users,
      t.due_date, t.follow_up_date, t.priority, t.form_key, t.external_form_reference,
      t.custom_headers, t.creation_date, t.completion_date, t.process_instance_key,
      t.element_instance_key, t.process_definition_key, t.bpmn_process_id,
      t.process_definition_version, t.process_name, t.tenant_id""";

  /** The fields of Camunda's user task search and their columns. */
  static final SearchTable TABLE = SearchTable.of("engine_user_task t", "t.key")
      .required("userTaskKey", "t.key", Type.LONG)
      .required("state", "t.state", Type.TEXT)
      .column("assignee", "t.assignee", Type.TEXT)
      .required("priority", "t.priority", Type.INT)
      .required("elementId", "t.element_id", Type.TEXT)
      .column("name", "t.name", Type.TEXT)
      .required("candidateGroup", "t.candidate_groups", Type.TEXT_ARRAY)
      .required("candidateUser", "t.candidate_users", Type.TEXT_ARRAY)
      .required("tenantId", "t.tenant_id", Type.TEXT)
      .required("processDefinitionId", "t.bpmn_process_id", Type.TEXT)
      .required("creationDate", "t.creation_date", Type.TIMESTAMP)
      .column("completionDate", "t.completion_date", Type.TIMESTAMP)
      .column("followUpDate", "t.follow_up_date", Type.TIMESTAMP)
      .column("dueDate", "t.due_date", Type.TIMESTAMP)
      .required("processDefinitionKey", "t.process_definition_key", Type.LONG)
      .required("processInstanceKey", "t.process_instance_key", Type.LONG)
      .required("elementInstanceKey", "t.element_instance_key", Type.LONG)
      .relation("processInstanceVariables",
          "engine_variable v where v.scope_key = t.process_instance_key", VariableQueries.VALUE_COLUMNS)
      .relation("localVariables",
          "engine_variable v where v.scope_key = t.element_instance_key", VariableQueries.VALUE_COLUMNS);

  private final JdbcTemplate jdbc;

  public UserTaskStore(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  public void insert(UserTaskRow t) {
    jdbc.update(con -> {
      var ps = con.prepareStatement("""
          insert into engine_user_task (key, state, element_id, name, assignee, candidate_groups,
            candidate_users, due_date, follow_up_date, priority, form_key, external_form_reference,
            custom_headers, creation_date, completion_date, process_instance_key,
            element_instance_key, process_definition_key, bpmn_process_id,
            process_definition_version, process_name, tenant_id)
          values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?, ?, ?, ?)""");
      ps.setLong(1, t.key());
      ps.setString(2, t.state());
      ps.setString(3, t.elementId());
      ps.setString(4, t.name());
      ps.setString(5, t.assignee());
      ps.setArray(6, con.createArrayOf("text", t.candidateGroups().toArray()));
      ps.setArray(7, con.createArrayOf("text", t.candidateUsers().toArray()));
      ps.setTimestamp(8, timestamp(t.dueDate()));
      ps.setTimestamp(9, timestamp(t.followUpDate()));
      ps.setInt(10, t.priority());
      ps.setObject(11, t.formKey());
      ps.setString(12, t.externalFormReference());
      ps.setString(13, Json.write(t.customHeaders()));
      ps.setTimestamp(14, timestamp(t.creationDate()));
      ps.setTimestamp(15, timestamp(t.completionDate()));
      ps.setLong(16, t.processInstanceKey());
      ps.setLong(17, t.elementInstanceKey());
      ps.setLong(18, t.processDefinitionKey());
      ps.setString(19, t.bpmnProcessId());
      ps.setInt(20, t.processDefinitionVersion());
      ps.setString(21, t.processName());
      ps.setString(22, t.tenantId());
      return ps;
    });
  }

  public Optional<UserTaskRow> find(long key) {
    return jdbc.query("select " + COLUMNS + " from engine_user_task t where t.key = ?", UserTaskStore::map, key)
        .stream().findFirst();
  }

  /** Locks the task's row; commands on one task are serialized by their instance's lock too. */
  public Optional<UserTaskRow> lock(long key) {
    return jdbc.query("select " + COLUMNS + " from engine_user_task t where t.key = ? for update",
        UserTaskStore::map, key).stream().findFirst();
  }

  /** Writes a task's state and every attribute a command or a task listener may change. */
  public void write(UserTaskRow t) {
    jdbc.update(con -> {
      var ps = con.prepareStatement("""
          update engine_user_task set state = ?, assignee = ?, candidate_groups = ?, candidate_users = ?,
            due_date = ?, follow_up_date = ?, priority = ? where key = ?""");
      ps.setString(1, t.state());
      ps.setString(2, t.assignee());
      ps.setArray(3, con.createArrayOf("text", t.candidateGroups().toArray()));
      ps.setArray(4, con.createArrayOf("text", t.candidateUsers().toArray()));
      ps.setTimestamp(5, timestamp(t.dueDate()));
      ps.setTimestamp(6, timestamp(t.followUpDate()));
      ps.setInt(7, t.priority());
      ps.setLong(8, t.key());
      return ps;
    });
  }

  /** A task's intermediate state while its listeners run (CREATING, ASSIGNING, ...), or CREATED again. */
  public void setState(long key, String state) {
    jdbc.update("update engine_user_task set state = ? where key = ?", state, key);
  }

  /** The record that ended a transition (its key in the payload), once one did. */
  public Optional<TransitionOutcome> transitionOutcome(long userTaskKey, long transitionKey) {
    return jdbc.query("""
        select intent, payload ->> 'deniedReason' as reason from engine_record
        where process_instance_key = (select process_instance_key from engine_user_task where key = ?)
          and key = ? and value_type = 'USER_TASK' and payload ->> 'transition' = ?
        order by position desc, record_index desc limit 1""",
        (rs, i) -> new TransitionOutcome(rs.getString("intent"), rs.getString("reason")),
        userTaskKey, userTaskKey, Long.toString(transitionKey)).stream().findFirst();
  }

  /** Ends a task: COMPLETED or CANCELED, at the given time. */
  public void end(long key, String state, Instant at) {
    jdbc.update("update engine_user_task set state = ?, completion_date = ? where key = ?",
        state, Timestamp.from(at), key);
  }

  public Search.Page<UserTaskRow> search(Search.Query query) {
    return TABLE.search(jdbc, COLUMNS, query, UserTaskStore::map);
  }

  private static Timestamp timestamp(Instant instant) {
    return instant == null ? null : Timestamp.from(instant);
  }

  static Instant instant(ResultSet rs, String column) throws SQLException {
    Timestamp t = rs.getTimestamp(column);
    return t == null ? null : t.toInstant();
  }

  private static List<String> strings(Array array) throws SQLException {
    return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
  }

  private static UserTaskRow map(ResultSet rs, int row) throws SQLException {
    Map<String, String> headers = new LinkedHashMap<>();
    Json.readMap(rs.getString("custom_headers")).forEach((k, v) -> headers.put(k, String.valueOf(v)));
    return new UserTaskRow(rs.getLong("key"), rs.getString("state"), rs.getString("element_id"),
        rs.getString("name"), rs.getString("assignee"), strings(rs.getArray("candidate_groups")),
        strings(rs.getArray("candidate_users")), instant(rs, "due_date"), instant(rs, "follow_up_date"),
        rs.getInt("priority"), (Long) rs.getObject("form_key"), rs.getString("external_form_reference"),
        headers, instant(rs, "creation_date"), instant(rs, "completion_date"),
        rs.getLong("process_instance_key"), rs.getLong("element_instance_key"),
        rs.getLong("process_definition_key"), rs.getString("bpmn_process_id"),
        rs.getInt("process_definition_version"), rs.getString("process_name"), rs.getString("tenant_id"));
  }
}

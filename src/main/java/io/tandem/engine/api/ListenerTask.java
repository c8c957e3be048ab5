package io.tandem.engine.api;

import io.tandem.engine.processing.UserTaskTransitions;
import io.tandem.engine.store.Json;
import java.util.List;
import java.util.Map;

/**
 * A task listener's view of its user task, read from the reserved headers of its job, as Camunda's
 * gateway gives it to the worker (REST and gRPC carry the same properties).
 */
public record ListenerTask(String action, String assignee, List<String> candidateGroups,
    List<String> candidateUsers, List<String> changedAttributes, String dueDate, String followUpDate,
    String formKey, Integer priority, String userTaskKey) {

  public static ListenerTask of(Map<String, Object> headers) {
    String priority = header(headers, "priority");
    return new ListenerTask(header(headers, "action"), header(headers, "assignee"),
        list(header(headers, "candidateGroups")), list(header(headers, "candidateUsers")),
        list(header(headers, "changedAttributes")), header(headers, "dueDate"), header(headers, "followUpDate"),
        header(headers, "formKey"), priority == null ? null : Integer.valueOf(priority),
        header(headers, "userTaskKey"));
  }

  private static String header(Map<String, Object> headers, String name) {
    Object value = headers.get(UserTaskTransitions.HEADER + name);
    return value == null ? null : value.toString();
  }

  private static List<String> list(String json) {
    return json == null ? List.of() : ((List<?>) Json.read(json, List.class)).stream().map(String::valueOf).toList();
  }
}

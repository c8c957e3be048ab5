package io.tandem.engine.model;

import io.tandem.engine.expression.Expression;
import java.util.List;
import java.util.Map;

/**
 * A Camunda user task ({@code zeebe:userTask}): its assignment, schedule, priority and form, each
 * evaluated when the task is created, and its task listeners in model order. Null expressions are
 * absent attributes.
 */
public record UserTaskDefinition(
    Expression assignee,
    Expression candidateGroups,
    Expression candidateUsers,
    Expression dueDate,
    Expression followUpDate,
    Expression priority,
    FormReference form,
    Expression externalFormReference,
    Map<String, String> headers,
    List<TaskListener> listeners) {

  /** Camunda's priority when the model sets none. */
  public static final int DEFAULT_PRIORITY = 50;

  /** The listeners of one event, in the order the model lists them. */
  public List<TaskListener> listeners(TaskListenerEventType eventType) {
    return listeners.stream().filter(l -> l.eventType() == eventType).toList();
  }

  public boolean hasListeners(TaskListenerEventType eventType) {
    return listeners.stream().anyMatch(l -> l.eventType() == eventType);
  }
}

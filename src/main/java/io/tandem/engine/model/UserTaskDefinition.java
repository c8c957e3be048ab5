package io.tandem.engine.model;

import io.tandem.engine.expression.Expression;
import java.util.Map;

/**
 * A Camunda user task ({@code zeebe:userTask}): its assignment, schedule, priority and form, each
 * evaluated when the task is created. Null expressions are absent attributes.
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
    Map<String, String> headers) {

  /** Camunda's priority when the model sets none. */
  public static final int DEFAULT_PRIORITY = 50;
}

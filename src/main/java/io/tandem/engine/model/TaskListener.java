package io.tandem.engine.model;

import io.tandem.engine.expression.Expression;

/**
 * A {@code zeebe:taskListener} of a Camunda user task: a job of {@code type} with {@code retries},
 * both evaluated right before the job is created, run when the task goes through {@code eventType}.
 */
public record TaskListener(TaskListenerEventType eventType, Expression type, Expression retries) {}

package io.tandem.engine.model;

import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeTaskListenerEventType;

/**
 * The user task lifecycle events a task listener reacts to. Each is also the name of the task's
 * intermediate state while its listeners run (Camunda's {@code CREATING}, {@code ASSIGNING}, ...).
 */
public enum TaskListenerEventType {
  CREATING,
  ASSIGNING,
  UPDATING,
  COMPLETING,
  CANCELING;

  /** Whether a listener may deny the transition: not the creation or the cancelation of a task. */
  public boolean canBeDenied() {
    return this == ASSIGNING || this == UPDATING || this == COMPLETING;
  }

  /** The model's event type; the names deprecated since 8.8 (create, assignment, ...) included. */
  static TaskListenerEventType of(ZeebeTaskListenerEventType type) {
    return switch (type) {
      case creating, create -> CREATING;
      case assigning, assignment -> ASSIGNING;
      case updating, update -> UPDATING;
      case completing, complete -> COMPLETING;
      case canceling, cancel -> CANCELING;
    };
  }
}

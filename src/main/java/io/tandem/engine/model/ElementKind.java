package io.tandem.engine.model;

/** BPMN element kinds, named as Camunda's APIs name them. */
public enum ElementKind {
  PROCESS,
  SUB_PROCESS,
  START_EVENT,
  INTERMEDIATE_CATCH_EVENT,
  INTERMEDIATE_THROW_EVENT,
  BOUNDARY_EVENT,
  END_EVENT,
  SERVICE_TASK,
  SEND_TASK,
  BUSINESS_RULE_TASK,
  SCRIPT_TASK,
  RECEIVE_TASK,
  USER_TASK,
  MANUAL_TASK,
  TASK,
  EXCLUSIVE_GATEWAY,
  PARALLEL_GATEWAY,
  SEQUENCE_FLOW,
  MULTI_INSTANCE_BODY;

  public boolean isContainer() {
    return this == PROCESS || this == SUB_PROCESS;
  }
}

package io.tandem.engine.processing;

/** Incident error types, as Camunda names them. */
public enum IncidentType {
  JOB_NO_RETRIES,
  TASK_LISTENER_NO_RETRIES,
  EXTRACT_VALUE_ERROR,
  IO_MAPPING_ERROR,
  CONDITION_ERROR,
  UNHANDLED_ERROR_EVENT,
  CALLED_DECISION_ERROR,
  DECISION_EVALUATION_ERROR,
  FORM_NOT_FOUND
}

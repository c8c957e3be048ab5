package io.tandem.engine.store;

import java.time.Instant;
import java.util.Map;

/** A job as stored. */
public record JobRow(
    long key,
    String type,
    String state,
    Instant deadline,
    String worker,
    int retries,
    String errorMessage,
    Map<String, Object> customHeaders,
    long processInstanceKey,
    long elementInstanceKey,
    String elementId,
    String bpmnProcessId,
    long processDefinitionKey,
    int version,
    String tenantId) {

  public static final String ACTIVATABLE = "ACTIVATABLE";
  public static final String ACTIVATED = "ACTIVATED";
  public static final String FAILED = "FAILED";
  public static final String ERROR_THROWN = "ERROR_THROWN";

  /** This job after a failure that left it the given retries. */
  public JobRow failed(int retriesLeft, String message) {
    return new JobRow(key, type, retriesLeft > 0 ? ACTIVATABLE : FAILED, null, null, retriesLeft, message,
        customHeaders, processInstanceKey, elementInstanceKey, elementId, bpmnProcessId,
        processDefinitionKey, version, tenantId);
  }

  /** This job activated for a worker until a deadline. */
  public JobRow activatedFor(String worker, Instant deadline) {
    return new JobRow(key, type, ACTIVATED, deadline, worker, retries, errorMessage, customHeaders,
        processInstanceKey, elementInstanceKey, elementId, bpmnProcessId, processDefinitionKey, version,
        tenantId);
  }
}

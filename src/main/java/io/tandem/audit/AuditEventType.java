package io.tandem.audit;

/**
 * Names of the events Tandem records. The set is open: {@link AuditLog#append} takes any
 * upper-snake-case name, so a feature can add its own without touching this class.
 */
public final class AuditEventType {

  public static final String SUBMITTED = "SUBMITTED";
  public static final String MASKED = "MASKED";
  public static final String INFERRED = "INFERRED";
  public static final String ROUTED = "ROUTED";
  public static final String TASK_CREATED = "TASK_CREATED";
  public static final String TASK_ASSIGNED = "TASK_ASSIGNED";
  public static final String TASK_COMPLETED = "TASK_COMPLETED";
  public static final String ESCALATED = "ESCALATED";
  public static final String DECIDED = "DECIDED";
  public static final String INPUT_READ = "INPUT_READ";
  public static final String WEBHOOK_DELIVERED = "WEBHOOK_DELIVERED";
  public static final String WEBHOOK_FAILED = "WEBHOOK_FAILED";
  public static final String KILL_SWITCH_CHANGED = "KILL_SWITCH_CHANGED";

  private AuditEventType() {}
}

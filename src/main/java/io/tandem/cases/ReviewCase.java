package io.tandem.cases;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** A submitted item and what was decided about it, by whom and why. */
public record ReviewCase(
    UUID id,
    String flow,
    String idempotencyKey,
    CaseStatus status,
    Map<String, Object> payload,
    Map<String, Object> metadata,
    String webhookUrl,
    Long processInstanceKey,
    String maskedText,
    String prediction,
    Double confidence,
    String modelId,
    String modelVersion,
    String route,
    String policyRule,
    Map<String, Object> decision,
    String decidedBy,
    String decisionReason,
    Instant decidedAt,
    Instant createdAt,
    Instant updatedAt) {

  public enum CaseStatus {
    SUBMITTED,
    IN_PROGRESS,
    DECIDED
  }

  /** Text the model and the reviewers look at: the payload's {@code text} field. */
  public String text() {
    Object text = payload.get("text");
    return text == null ? "" : text.toString();
  }

  public String requester() {
    Object requester = metadata.get("requester");
    return requester == null ? null : requester.toString();
  }
}

package io.tandem.cases;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A submitted item and what was decided about it, by whom and why. Its input is sealed at rest
 * ({@link CaseInput}); reviewers and the case's readers see only {@link #maskedText()}.
 */
public record ReviewCase(
    UUID id,
    String flow,
    String idempotencyKey,
    CaseStatus status,
    CaseInput input,
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

  /** The raw payload as submitted (decrypted on first use). */
  public Map<String, Object> payload() {
    return input.payload();
  }

  /** The raw text the model looks at (decrypted on first use): the payload's {@code text} field. */
  public String text() {
    return input.text();
  }

  public String requester() {
    Object requester = metadata.get("requester");
    return requester == null ? null : requester.toString();
  }
}

package io.tandem.cases;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A submitted item and what was decided about it, by whom and why. Its input is sealed at rest
 * ({@link CaseInput}) and never serialized: reviewers and the API's readers see only {@link
 * #maskedText()}.
 */
@Schema(description = "A case and what was decided about it. The raw payload is not included: it is"
    + " stored encrypted, and the free text appears only masked (maskedText). The submitter can read the"
    + " raw payload at GET /api/cases/{id}/input.")
public record ReviewCase(
    UUID id,
    String flow,
    String idempotencyKey,
    CaseStatus status,
    @JsonIgnore CaseInput input,
    Map<String, Object> metadata,
    String webhookUrl,
    Long processInstanceKey,
    @Schema(description = "The payload's text with personal data (e-mail addresses, phone numbers, IBANs,"
        + " card numbers; person names when enabled) replaced by tokens such as [EMAIL]; null until the"
        + " masking step ran")
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
  @JsonIgnore
  public Map<String, Object> payload() {
    return input.payload();
  }

  /** The raw text the model looks at (decrypted on first use): the payload's {@code text} field. */
  @JsonIgnore
  public String text() {
    return input.text();
  }

  public String requester() {
    Object requester = metadata.get("requester");
    return requester == null ? null : requester.toString();
  }
}

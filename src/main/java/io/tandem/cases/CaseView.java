package io.tandem.cases;

import io.swagger.v3.oas.annotations.media.Schema;
import io.tandem.cases.ReviewCase.CaseStatus;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A case as the API shows it: everything decided about it, but not its raw input, which is sealed
 * at rest. The free text appears only masked; the raw payload is at {@code GET /api/cases/{id}/input}.
 */
@Schema(description = "A case and what was decided about it. The raw payload is not included: it is"
    + " stored encrypted, and the free text appears only masked (maskedText). The submitter can read the"
    + " raw payload at GET /api/cases/{id}/input.")
record CaseView(
    UUID id,
    String flow,
    String idempotencyKey,
    CaseStatus status,
    @Schema(description = "The payload's text with personal data (e-mail addresses, phone numbers, IBANs,"
        + " card numbers, person names) replaced by tokens such as [EMAIL]; null until the masking step ran")
    String maskedText,
    Map<String, Object> metadata,
    String webhookUrl,
    Long processInstanceKey,
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

  static CaseView of(ReviewCase c) {
    return new CaseView(c.id(), c.flow(), c.idempotencyKey(), c.status(), c.maskedText(), c.metadata(),
        c.webhookUrl(), c.processInstanceKey(), c.prediction(), c.confidence(), c.modelId(),
        c.modelVersion(), c.route(), c.policyRule(), c.decision(), c.decidedBy(), c.decisionReason(),
        c.decidedAt(), c.createdAt(), c.updatedAt());
  }
}

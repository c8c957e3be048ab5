package io.tandem.cases;

import java.util.Map;

/**
 * A client's submission: the flow to run, the item (text and/or structured fields), optional
 * metadata (riskClass, amount, tenant, requester), an idempotency key and a webhook for the result.
 */
public record SubmitCase(
    String flow,
    Map<String, Object> payload,
    Map<String, Object> metadata,
    String idempotencyKey,
    String webhookUrl) {}

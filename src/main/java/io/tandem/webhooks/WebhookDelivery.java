package io.tandem.webhooks;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** A callback to send, or sent, as stored in {@code webhook_delivery}. */
public record WebhookDelivery(
    UUID id,
    String caseId,
    String url,
    String eventType,
    Map<String, Object> payload,
    DeliveryStatus status,
    int attempts,
    Instant nextAttemptAt,
    Integer lastStatusCode,
    String lastError,
    Instant createdAt,
    Instant deliveredAt) {}

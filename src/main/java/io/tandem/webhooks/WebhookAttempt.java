package io.tandem.webhooks;

import java.time.Instant;
import java.util.UUID;

/**
 * One try at sending a delivery.
 *
 * @param statusCode the receiver's HTTP status; null when none came (refused, timed out)
 * @param error why it failed; null on 2xx
 */
public record WebhookAttempt(
    UUID deliveryId,
    int attempt,
    Instant startedAt,
    Instant finishedAt,
    Integer statusCode,
    String error) {

  public boolean succeeded() {
    return error == null;
  }
}

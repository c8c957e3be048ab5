package io.tandem.webhooks;

/** Where a webhook delivery stands. */
public enum DeliveryStatus {
  /** Waiting for its next attempt (or in one). */
  PENDING,
  /** A receiver answered 2xx. */
  DELIVERED,
  /** Gave up after the maximum number of attempts. */
  FAILED
}

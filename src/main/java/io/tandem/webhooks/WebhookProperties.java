package io.tandem.webhooks;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code tandem.webhooks.*}.
 *
 * @param enabled run the poller that sends deliveries on this node (enqueueing works regardless)
 * @param pollInterval pause between polls when there was nothing more to send
 * @param batchSize deliveries claimed per poll and sent in parallel
 * @param maxAttempts attempts before a delivery is FAILED
 * @param secret HMAC-SHA256 key of {@code X-Tandem-Signature}; blank sends unsigned (with a warning)
 * @param connectTimeout TCP and TLS connect timeout
 * @param requestTimeout how long to wait for the response once connected
 * @param backoff the pause before a retry
 */
@ConfigurationProperties("tandem.webhooks")
record WebhookProperties(
    @DefaultValue("true") boolean enabled,
    @DefaultValue("500ms") Duration pollInterval,
    @DefaultValue("8") int batchSize,
    @DefaultValue("8") int maxAttempts,
    String secret,
    @DefaultValue("5s") Duration connectTimeout,
    @DefaultValue("10s") Duration requestTimeout,
    @DefaultValue Backoff backoff) {

  WebhookProperties {
    if (batchSize < 1 || maxAttempts < 1) {
      throw new IllegalArgumentException("tandem.webhooks batch-size and max-attempts must be positive");
    }
  }

  /** How long an attempt may take before another node may assume this one died and try again. */
  Duration attemptLease() {
    return connectTimeout.plus(requestTimeout).plusSeconds(30);
  }

  /**
   * Exponential backoff: after the n-th failed attempt wait {@code min(cap, base * factor^(n-1))},
   * less a random share of up to {@code jitter} of it so that retries of many deliveries spread out.
   */
  record Backoff(
      @DefaultValue("1s") Duration base,
      @DefaultValue("2") double factor,
      @DefaultValue("10m") Duration cap,
      @DefaultValue("0.2") double jitter) {

    Backoff {
      if (factor < 1 || jitter < 0 || jitter > 1) {
        throw new IllegalArgumentException(
            "tandem.webhooks.backoff needs factor >= 1 and jitter between 0 and 1");
      }
    }

    /**
     * @param failedAttempts attempts made so far, all failed (1 or more)
     * @param random uniform in [0, 1)
     */
    Duration delayAfter(int failedAttempts, double random) {
      double exponential = base.toMillis() * Math.pow(factor, Math.max(0, failedAttempts - 1));
      double capped = Math.min(exponential, cap.toMillis());
      return Duration.ofMillis(Math.round(capped * (1 - jitter * random)));
    }
  }
}

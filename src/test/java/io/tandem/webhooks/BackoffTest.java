package io.tandem.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import io.tandem.webhooks.WebhookProperties.Backoff;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

  private final Backoff backoff = new Backoff(Duration.ofSeconds(1), 2, Duration.ofMinutes(10), 0.2);

  @Test
  void shouldDoubleFromOneSecond() {
    assertThat(backoff.delayAfter(1, 0)).isEqualTo(Duration.ofSeconds(1));
    assertThat(backoff.delayAfter(2, 0)).isEqualTo(Duration.ofSeconds(2));
    assertThat(backoff.delayAfter(3, 0)).isEqualTo(Duration.ofSeconds(4));
    assertThat(backoff.delayAfter(8, 0)).isEqualTo(Duration.ofSeconds(128));
  }

  @Test
  void shouldStopAtTheCap() {
    assertThat(backoff.delayAfter(10, 0)).isEqualTo(Duration.ofSeconds(512));
    assertThat(backoff.delayAfter(11, 0)).isEqualTo(Duration.ofMinutes(10));
    assertThat(backoff.delayAfter(1_000, 0)).isEqualTo(Duration.ofMinutes(10));
  }

  @Test
  void shouldTakeOffAtMostTheJitterShare() {
    assertThat(backoff.delayAfter(3, 0.999_999)).isBetween(Duration.ofMillis(3_200), Duration.ofSeconds(4));
    assertThat(backoff.delayAfter(3, 0.5)).isEqualTo(Duration.ofMillis(3_600));
    assertThat(backoff.delayAfter(1_000, 0.999_999)).isGreaterThanOrEqualTo(Duration.ofMinutes(8));
  }
}

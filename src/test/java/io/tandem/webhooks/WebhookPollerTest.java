package io.tandem.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class WebhookPollerTest {

  @Test
  void shouldNotPollWhenDisabled() {
    new ApplicationContextRunner()
        .withPropertyValues("tandem.webhooks.enabled=false")
        .withUserConfiguration(WebhookConfiguration.class, WebhookPoller.class)
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(context).doesNotHaveBean(WebhookPoller.class);
              assertThat(context).hasSingleBean(WebhookProperties.class);
            });
  }
}

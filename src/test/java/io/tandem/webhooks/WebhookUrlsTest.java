package io.tandem.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class WebhookUrlsTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://hooks.example.com/tandem",
        "http://localhost:8081/hook?tenant=a",
        "HTTPS://EXAMPLE.COM",
        "http://10.0.0.5:9000/",
        "http://[::1]:8080/hook"
      })
  void shouldAcceptAbsoluteHttpUrlsWithAHost(String url) {
    assertThat(WebhookUrls.validate(url)).isEmpty();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "/relative/hook | absolute",
        "example.com/hook | absolute",
        "ftp://example.com/hook | http or https",
        "file:///etc/passwd | http or https",
        "javascript:alert(1) | http or https",
        "https://user:secret@example.com/hook | credentials",
        "https://token@example.com/hook | credentials",
        "https:///hook | host",
        "http://exa_mple.com/hook | host",
        "http://example.com:99999/hook | port",
        "https://example.com/hook#part | fragment",
        "http://exa mple.com | not a valid URL"
      })
  void shouldRejectWithAReason(String url, String reason) {
    assertThat(WebhookUrls.validate(url)).hasValueSatisfying(message -> assertThat(message).contains(reason));
  }

  @Test
  void shouldRequireAUrl() {
    assertThat(WebhookUrls.validate(null)).hasValue("a webhook URL is required");
    assertThat(WebhookUrls.validate(" ")).hasValue("a webhook URL is required");
    assertThat(WebhookUrls.validate("https://example.com/" + "a".repeat(3000))).isPresent();
  }
}

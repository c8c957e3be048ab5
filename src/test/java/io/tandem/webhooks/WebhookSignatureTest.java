package io.tandem.webhooks;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WebhookSignatureTest {

  @Test
  void shouldSignLikeHmacSha256() {
    // RFC 4231, test case 2
    String signature = WebhookSignature.signatureFor("Jefe", "what do ya want for nothing?".getBytes(UTF_8));

    assertThat(signature)
        .isEqualTo("sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
  }

  @Test
  void shouldMatchOnlyTheExactBodyAndSecret() {
    // given
    byte[] body = "{\"deliveryId\":\"d-1\",\"payload\":{\"answer\":\"spam\"}}".getBytes(UTF_8);
    String header = WebhookSignature.signatureFor("s3cret", body);

    // when / then
    assertThat(WebhookSignature.matches("s3cret", body, header)).isTrue();
    assertThat(WebhookSignature.matches("s3cret", body, header.toUpperCase())).isTrue();
    assertThat(WebhookSignature.matches("other", body, header)).isFalse();
    assertThat(WebhookSignature.matches("s3cret", "{\"deliveryId\":\"d-1\"}".getBytes(UTF_8), header)).isFalse();
    assertThat(WebhookSignature.matches("s3cret", body, null)).isFalse();
    assertThat(WebhookSignature.matches("s3cret", body, "sha256=00")).isFalse();
  }
}

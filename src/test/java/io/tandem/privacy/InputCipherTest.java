package io.tandem.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.Test;

class InputCipherTest {

  private static final byte[] PLAIN = "Call Jane on +44 20 7946 0958".getBytes(StandardCharsets.UTF_8);
  private static final byte[] ROW = bytes("tandem:review_case.input:1");

  private final byte[] key = randomKey();
  private final InputCipher cipher = new InputCipher(key, List.of());

  @Test
  void shouldRoundTrip() {
    SealedValue sealed = cipher.seal(PLAIN, ROW);

    assertThat(cipher.open(sealed, ROW)).isEqualTo(PLAIN);
    assertThat(sealed.keyId()).isEqualTo(cipher.currentKeyId()).hasSize(16);
    assertThat(sealed.nonce()).hasSize(12);
    assertThat(sealed.ciphertext()).hasSize(PLAIN.length + 16); // GCM tag appended
    assertThat(new String(sealed.ciphertext(), StandardCharsets.ISO_8859_1)).doesNotContain("Jane");
  }

  @Test
  void shouldUseAFreshNonceForEveryValue() {
    SealedValue first = cipher.seal(PLAIN, ROW);
    SealedValue second = cipher.seal(PLAIN, ROW);

    assertThat(first.nonce()).isNotEqualTo(second.nonce());
    assertThat(first.ciphertext()).isNotEqualTo(second.ciphertext());
  }

  @Test
  void shouldDetectATamperedCiphertext() {
    SealedValue sealed = cipher.seal(PLAIN, ROW);
    byte[] flipped = sealed.ciphertext().clone();
    flipped[3] ^= 0x01;

    assertThatThrownBy(() -> cipher.open(new SealedValue(sealed.keyId(), sealed.nonce(), flipped), ROW))
        .isInstanceOf(SealBrokenException.class).hasMessageContaining("integrity check failed");
  }

  @Test
  void shouldDetectATamperedNonceOrTag() {
    SealedValue sealed = cipher.seal(PLAIN, ROW);
    byte[] nonce = sealed.nonce().clone();
    nonce[0] ^= 0x01;
    byte[] truncated = java.util.Arrays.copyOf(sealed.ciphertext(), sealed.ciphertext().length - 1);

    assertThatThrownBy(() -> cipher.open(new SealedValue(sealed.keyId(), nonce, sealed.ciphertext()), ROW))
        .isInstanceOf(SealBrokenException.class);
    assertThatThrownBy(() -> cipher.open(new SealedValue(sealed.keyId(), sealed.nonce(), truncated), ROW))
        .isInstanceOf(SealBrokenException.class);
  }

  @Test
  void shouldNotOpenAValueMovedToAnotherRow() {
    SealedValue sealed = cipher.seal(PLAIN, ROW);

    assertThatThrownBy(() -> cipher.open(sealed, bytes("tandem:review_case.input:2")))
        .isInstanceOf(SealBrokenException.class);
  }

  @Test
  void shouldOpenValuesOfAPreviousKeyAfterARotation() {
    SealedValue old = cipher.seal(PLAIN, ROW);
    InputCipher rotated = new InputCipher(randomKey(), List.of(key));

    SealedValue fresh = rotated.seal(PLAIN, ROW);

    assertThat(rotated.open(old, ROW)).isEqualTo(PLAIN);
    assertThat(fresh.keyId()).isEqualTo(rotated.currentKeyId()).isNotEqualTo(old.keyId());
  }

  @Test
  void shouldNameAKeyThatIsNotConfigured() {
    SealedValue old = cipher.seal(PLAIN, ROW);
    InputCipher other = new InputCipher(randomKey(), List.of());

    assertThatThrownBy(() -> other.open(old, ROW)).isInstanceOf(SealBrokenException.class)
        .hasMessageContaining(old.keyId()).hasMessageContaining("tandem.privacy.previous-keys");
  }

  @Test
  void shouldDeriveAStableKeyIdThatIsNotTheKey() {
    assertThat(InputCipher.keyId(key)).isEqualTo(InputCipher.keyId(key.clone()))
        .isNotEqualTo(InputCipher.keyId(randomKey()))
        .doesNotContain(java.util.HexFormat.of().formatHex(key, 0, 4));
  }

  @Test
  void shouldRejectAKeyThatIsNot256Bits() {
    assertThatThrownBy(() -> new InputCipher(new byte[16], List.of()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("32 bytes");
  }

  static byte[] randomKey() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return key;
  }

  private static byte[] bytes(String value) {
    return value.getBytes(StandardCharsets.UTF_8);
  }
}

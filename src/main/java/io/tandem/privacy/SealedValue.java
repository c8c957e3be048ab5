package io.tandem.privacy;

import java.util.Objects;

/**
 * A value encrypted with AES-256-GCM: the id of the key that sealed it, the 96-bit nonce used once
 * for it, and the ciphertext with its 128-bit authentication tag appended (as {@code javax.crypto}
 * writes it). Stored as three columns, so that rows sealed under an older key can be found and
 * re-sealed after a rotation.
 */
public record SealedValue(String keyId, byte[] nonce, byte[] ciphertext) {

  public SealedValue {
    Objects.requireNonNull(keyId, "keyId");
    Objects.requireNonNull(nonce, "nonce");
    Objects.requireNonNull(ciphertext, "ciphertext");
  }
}

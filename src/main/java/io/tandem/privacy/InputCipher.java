package io.tandem.privacy;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals raw inputs at rest with AES-256-GCM (the JDK's {@code javax.crypto}): a fresh random
 * 96-bit nonce for every value, a 128-bit tag, and associated data that binds the ciphertext to
 * where it is stored (so a ciphertext copied to another row does not open). New values are sealed
 * with the current key; values sealed with a previous key still open, so keys can rotate.
 *
 * <p>Random nonces are safe for about 2^32 values per key (NIST SP 800-38D); rotate long before.
 * Thread-safe.
 */
public final class InputCipher {

  public static final int KEY_BYTES = 32;
  static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final String TRANSFORMATION = "AES/GCM/NoPadding";

  private final String currentKeyId;
  private final Map<String, SecretKey> keys = new LinkedHashMap<>();
  private final SecureRandom random = new SecureRandom();

  /**
   * @param currentKey 32 bytes that seal new values
   * @param previousKeys 32-byte keys whose values must still open
   */
  public InputCipher(byte[] currentKey, List<byte[]> previousKeys) {
    currentKeyId = add(currentKey);
    previousKeys.forEach(this::add);
  }

  private String add(byte[] key) {
    if (key.length != KEY_BYTES) {
      throw new IllegalArgumentException("an AES-256 key has 32 bytes, not " + key.length);
    }
    String id = keyId(key);
    keys.putIfAbsent(id, new SecretKeySpec(key.clone(), "AES"));
    return id;
  }

  /**
   * A key's id: the first 8 bytes of HMAC-SHA-256 under the key of a fixed label, in hex. It names
   * the key without revealing anything about it, and needs no configuration.
   */
  public static String keyId(byte[] key) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      byte[] digest = mac.doFinal("tandem.privacy key id".getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 8);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }

  public String currentKeyId() {
    return currentKeyId;
  }

  /** Encrypts under the current key with a fresh nonce; {@code associatedData} is authenticated, not stored. */
  public SealedValue seal(byte[] plaintext, byte[] associatedData) {
    byte[] nonce = new byte[NONCE_BYTES];
    random.nextBytes(nonce);
    try {
      Cipher cipher = Cipher.getInstance(TRANSFORMATION);
      cipher.init(Cipher.ENCRYPT_MODE, keys.get(currentKeyId), new GCMParameterSpec(TAG_BITS, nonce));
      cipher.updateAAD(associatedData);
      return new SealedValue(currentKeyId, nonce, cipher.doFinal(plaintext));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES/GCM is part of every JDK", e);
    }
  }

  /**
   * Decrypts and checks the tag.
   *
   * @throws SealBrokenException if the value, its nonce or the associated data were altered, or its
   *     key is not configured
   */
  public byte[] open(SealedValue sealed, byte[] associatedData) {
    SecretKey key = keys.get(sealed.keyId());
    if (key == null) {
      throw new SealBrokenException("sealed with key " + sealed.keyId()
          + ", which is not configured (current " + currentKeyId + "; add it to tandem.privacy.previous-keys)", null);
    }
    if (sealed.nonce().length != NONCE_BYTES) {
      throw new SealBrokenException("nonce of " + sealed.nonce().length + " bytes, expected " + NONCE_BYTES, null);
    }
    try {
      Cipher cipher = Cipher.getInstance(TRANSFORMATION);
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed.nonce()));
      cipher.updateAAD(associatedData);
      return cipher.doFinal(sealed.ciphertext());
    } catch (AEADBadTagException e) {
      throw new SealBrokenException("integrity check failed: the sealed value was altered or moved", e);
    } catch (GeneralSecurityException e) {
      throw new SealBrokenException("cannot open sealed value: " + e.getMessage(), e);
    }
  }
}

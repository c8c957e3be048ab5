package io.tandem.webhooks;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code X-Tandem-Signature} of a webhook: {@code sha256=} and the lowercase hex HMAC-SHA256 of
 * the exact request body bytes, keyed with the shared secret ({@code tandem.webhooks.secret}, as
 * UTF-8).
 *
 * <p>A receiver verifies a request like this:
 *
 * <ol>
 *   <li>read the raw body bytes before any JSON parsing (re-serialized JSON would not match);
 *   <li>compute {@code "sha256=" + hex(HMAC-SHA256(secret, body))} and compare it with the header in
 *       constant time ({@link #matches} does both); reject the request on a mismatch;
 *   <li>reject it when {@code X-Tandem-Timestamp} (epoch seconds, also the body's signed {@code
 *       timestamp}) is more than a few minutes away from now: an old request replayed;
 *   <li>dedupe on {@code X-Tandem-Delivery}: delivery is at least once, so the same delivery can
 *       arrive again (after a timeout, or when Tandem stopped between sending and recording it);
 *   <li>answer 2xx quickly; anything else, or no answer in time, means a retry.
 * </ol>
 */
public final class WebhookSignature {

  public static final String HEADER = "X-Tandem-Signature";
  private static final String PREFIX = "sha256=";
  private static final String HMAC = "HmacSHA256";

  private WebhookSignature() {}

  /** {@code sha256=<hex>} of {@code body} under {@code secret}. */
  public static String signatureFor(String secret, byte[] body) {
    if (secret == null || secret.isEmpty()) {
      throw new IllegalArgumentException("a webhook signature needs a secret");
    }
    try {
      Mac mac = Mac.getInstance(HMAC);
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), HMAC));
      return PREFIX + HexFormat.of().formatHex(mac.doFinal(body));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is on every Java platform", e);
    }
  }

  /** True when {@code signatureHeader} is the signature of {@code body}; compares in constant time. */
  public static boolean matches(String secret, byte[] body, String signatureHeader) {
    if (signatureHeader == null) {
      return false;
    }
    byte[] expected = signatureFor(secret, body).getBytes(StandardCharsets.US_ASCII);
    byte[] given = signatureHeader.trim().toLowerCase().getBytes(StandardCharsets.US_ASCII);
    return MessageDigest.isEqual(expected, given);
  }
}

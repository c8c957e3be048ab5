package io.tandem.privacy;

/**
 * A sealed value that cannot be opened: its ciphertext, nonce or associated data were altered, or it
 * was sealed under a key that is not configured. Never carries any part of the plain text.
 */
public class SealBrokenException extends RuntimeException {

  public SealBrokenException(String message, Throwable cause) {
    super(message, cause);
  }
}

package io.tandem.privacy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the keys that seal raw inputs: {@code tandem.privacy.key} if set, else the key file. The key
 * file is created (a random key, readable by its owner only) only for the embedded database: with an
 * external one, every node must share one key, which a node must not invent on its own.
 */
final class PrivacyKeys {

  static final String GENERATE = "Generate one with `openssl rand -base64 32` and set it as"
      + " tandem.privacy.key (environment variable TANDEM_PRIVACY_KEY).";
  private static final Logger LOG = LoggerFactory.getLogger(PrivacyKeys.class);
  private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

  record Keys(byte[] current, List<byte[]> previous) {}

  private PrivacyKeys() {}

  static Keys resolve(PrivacyProperties properties, boolean embeddedDatabase) {
    byte[] current = hasText(properties.key())
        ? decode(properties.key(), "tandem.privacy.key")
        : fromFile(properties.keyFile(), embeddedDatabase);
    List<byte[]> previous = new ArrayList<>();
    for (int i = 0; i < properties.previousKeys().size(); i++) {
      previous.add(decode(properties.previousKeys().get(i), "tandem.privacy.previous-keys[" + i + "]"));
    }
    return new Keys(current, previous);
  }

  /** A base64 (standard or URL-safe) 256-bit key; the message never echoes the value. */
  static byte[] decode(String encoded, String source) {
    String trimmed = encoded.strip();
    byte[] key;
    try {
      key = trimmed.indexOf('-') >= 0 || trimmed.indexOf('_') >= 0
          ? Base64.getUrlDecoder().decode(trimmed) : Base64.getDecoder().decode(trimmed);
    } catch (IllegalArgumentException e) {
      throw new PrivacyKeyException(source + " is not valid base64.",
          "Give a base64-encoded 256-bit AES key. " + GENERATE);
    }
    if (key.length != InputCipher.KEY_BYTES) {
      throw new PrivacyKeyException(source + " decodes to " + key.length
          + " bytes; an AES-256 key has exactly 32.", "Give a base64-encoded 256-bit AES key. " + GENERATE);
    }
    return key;
  }

  private static byte[] fromFile(Path file, boolean embeddedDatabase) {
    if (file == null) {
      throw new PrivacyKeyException("No privacy key: neither tandem.privacy.key nor tandem.privacy.key-file is set.",
          GENERATE);
    }
    if (Files.exists(file)) {
      return read(file);
    }
    if (!embeddedDatabase) {
      throw new PrivacyKeyException("No privacy key: tandem.privacy.key is not set and there is no key file "
          + file.toAbsolutePath() + ". With an external database every node must use the same key, so"
          + " Tandem generates one only for its embedded database.", GENERATE
          + " Use the same key on every node, and keep it: without it the stored inputs cannot be read.");
    }
    return generate(file);
  }

  private static byte[] read(Path file) {
    try {
      warnIfShared(file);
      return decode(Files.readString(file, StandardCharsets.US_ASCII), "key file " + file.toAbsolutePath());
    } catch (IOException e) {
      throw new PrivacyKeyException("Cannot read the privacy key file " + file.toAbsolutePath() + ": " + e.getMessage(),
          "Make the file readable by the user running Tandem, or set tandem.privacy.key.");
    }
  }

  /**
   * Writes a new random key to a private temporary file, then links it into place: the link fails if
   * another process created the key first, in which case that key is used. So concurrent first starts
   * agree on one key, and the file is never seen half-written.
   */
  private static byte[] generate(Path file) {
    byte[] key = new byte[InputCipher.KEY_BYTES];
    new SecureRandom().nextBytes(key);
    Path dir = file.toAbsolutePath().getParent();
    try {
      Files.createDirectories(dir);
      Path temporary = Files.createTempFile(dir, ".privacy-key", ".tmp", PosixFilePermissions.asFileAttribute(OWNER_ONLY));
      try {
        Files.writeString(temporary, Base64.getEncoder().encodeToString(key) + "\n", StandardCharsets.US_ASCII);
        Files.createLink(file, temporary);
        LOG.info("Generated the key that seals raw inputs at rest in {} (owner-only). Back it up with the data:"
            + " without it the stored inputs cannot be read.", file.toAbsolutePath());
        return key;
      } catch (FileAlreadyExistsException e) {
        return read(file);
      } finally {
        Files.deleteIfExists(temporary);
      }
    } catch (UnsupportedOperationException e) {
      throw new PrivacyKeyException("Cannot create an owner-only key file in " + dir + " (no POSIX permissions).",
          GENERATE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the privacy key file " + file.toAbsolutePath(), e);
    }
  }

  private static void warnIfShared(Path file) throws IOException {
    try {
      Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
      if (!OWNER_ONLY.containsAll(permissions)) {
        LOG.warn("The privacy key file {} is accessible to others ({}); restrict it: chmod 600 {}",
            file.toAbsolutePath(), PosixFilePermissions.toString(permissions), file.toAbsolutePath());
      }
    } catch (UnsupportedOperationException e) {
      // not a POSIX file system: nothing to check
    }
  }

  private static boolean hasText(String value) {
    return value != null && !value.isBlank();
  }
}

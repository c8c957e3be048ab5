package io.tandem.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A fresh install has no default password: with no user configured, an {@code admin} user gets a random
 * password on first start, written once to the log and kept in an owner-only file that later starts reuse.
 */
final class FirstStartAdmin {

  static final String USERNAME = "admin";
  private static final Logger LOG = LoggerFactory.getLogger(FirstStartAdmin.class);
  private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

  private FirstStartAdmin() {}

  /** The admin's password: the file's, or a new one written to it (created atomically, owner-only). */
  static String password(Path file) {
    try {
      if (Files.exists(file)) {
        return read(file);
      }
      Path dir = file.toAbsolutePath().getParent();
      Files.createDirectories(dir);
      String password = generate();
      Path temporary = Files.createTempFile(dir, ".admin-password", ".tmp",
          PosixFilePermissions.asFileAttribute(OWNER_ONLY));
      try {
        Files.writeString(temporary, password + "\n", StandardCharsets.UTF_8);
        Files.createLink(file, temporary);
      } catch (FileAlreadyExistsException e) {
        return read(file);
      } finally {
        Files.deleteIfExists(temporary);
      }
      // The one place a password is logged, on purpose: whoever installs Tandem must be able to sign in.
      LOG.warn("No user is configured (tandem.security.users): created user '{}' with password '{}'."
          + " It is kept in {} (owner-only); configure users to replace it.", USERNAME, password,
          file.toAbsolutePath());
      return password;
    } catch (UnsupportedOperationException e) {
      throw new IllegalStateException("Cannot create an owner-only file in " + file.toAbsolutePath().getParent()
          + " (no POSIX permissions): configure tandem.security.users instead", e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot keep the admin password in " + file.toAbsolutePath(), e);
    }
  }

  private static String read(Path file) throws IOException {
    String password = Files.readString(file, StandardCharsets.UTF_8).strip();
    if (password.isEmpty()) {
      throw new IllegalStateException("The admin password file " + file.toAbsolutePath() + " is empty");
    }
    LOG.info("No user is configured: user '{}' signs in with the password in {}", USERNAME, file.toAbsolutePath());
    return password;
  }

  private static String generate() {
    byte[] random = new byte[18];
    new SecureRandom().nextBytes(random);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
  }
}

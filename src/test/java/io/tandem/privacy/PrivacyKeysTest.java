package io.tandem.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.context.ConfigurationPropertiesAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** Where the key that seals raw inputs comes from, and how a bad one stops the start. */
class PrivacyKeysTest {

  @TempDir Path dir;

  private final ApplicationContextRunner context = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(ConfigurationPropertiesAutoConfiguration.class))
      .withUserConfiguration(PrivacyConfiguration.class);

  @Test
  void shouldUseTheConfiguredKey() {
    byte[] key = InputCipherTest.randomKey();

    PrivacyKeys.Keys keys = PrivacyKeys.resolve(properties(Base64.getEncoder().encodeToString(key)), false);

    assertThat(keys.current()).isEqualTo(key);
    assertThat(dir).isEmptyDirectory();
  }

  @Test
  void shouldAcceptUrlSafeBase64AndSurroundingWhitespace() {
    byte[] key = InputCipherTest.randomKey();

    PrivacyKeys.Keys keys = PrivacyKeys.resolve(properties(" " + Base64.getUrlEncoder().encodeToString(key) + "\n"), false);

    assertThat(keys.current()).isEqualTo(key);
  }

  @Test
  void shouldExplainAKeyThatIsNotBase64OrNot256Bits() {
    assertThatThrownBy(() -> PrivacyKeys.resolve(properties("not a key!"), true))
        .isInstanceOf(PrivacyKeyException.class).hasMessageContaining("tandem.privacy.key is not valid base64")
        .satisfies(e -> assertThat(((PrivacyKeyException) e).action()).contains("openssl rand -base64 32"));
    assertThatThrownBy(() -> PrivacyKeys.resolve(properties(Base64.getEncoder().encodeToString(new byte[16])), true))
        .isInstanceOf(PrivacyKeyException.class).hasMessageContaining("decodes to 16 bytes");
  }

  @Test
  void shouldGenerateAnOwnerOnlyKeyFileOnceForTheEmbeddedDatabase() throws Exception {
    Path file = dir.resolve("data/privacy.key");

    byte[] first = PrivacyKeys.resolve(properties(null, file), true).current();
    byte[] second = PrivacyKeys.resolve(properties(null, file), true).current();

    assertThat(first).hasSize(32).isEqualTo(second);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    assertThat(Files.list(file.getParent())).containsExactly(file); // no temporary file left
  }

  @Test
  void shouldNotInventAKeyForAnExternalDatabase() {
    Path file = dir.resolve("privacy.key");

    assertThatThrownBy(() -> PrivacyKeys.resolve(properties(null, file), false))
        .isInstanceOf(PrivacyKeyException.class).hasMessageContaining("external database");
    assertThat(file).doesNotExist();
  }

  @Test
  void shouldReadAnExistingKeyFileForAnExternalDatabase() throws Exception {
    byte[] key = InputCipherTest.randomKey();
    Path file = Files.writeString(dir.resolve("privacy.key"), Base64.getEncoder().encodeToString(key));

    assertThat(PrivacyKeys.resolve(properties(null, file), false).current()).isEqualTo(key);
  }

  @Test
  void shouldDecodePreviousKeysAndNameABadOne() {
    byte[] current = InputCipherTest.randomKey();
    byte[] previous = InputCipherTest.randomKey();
    String encoded = Base64.getEncoder().encodeToString(current);

    PrivacyKeys.Keys keys = PrivacyKeys.resolve(new PrivacyProperties(encoded,
        List.of(Base64.getEncoder().encodeToString(previous)), null), false);

    assertThat(keys.previous()).containsExactly(previous);
    assertThatThrownBy(() -> PrivacyKeys.resolve(new PrivacyProperties(encoded, List.of("AAAA"), null), false))
        .isInstanceOf(PrivacyKeyException.class).hasMessageContaining("tandem.privacy.previous-keys[0]");
  }

  @Test
  void shouldFailTheStartWithAClearMessageOnAMalformedKey() {
    context.withPropertyValues("tandem.privacy.key=c2hvcnQ=").run(started -> {
      assertThat(started).hasFailed();
      Throwable failure = started.getStartupFailure();
      FailureAnalysis analysis = new PrivacyKeyFailureAnalyzer().analyze(failure);
      assertThat(analysis.getDescription()).isEqualTo("tandem.privacy.key decodes to 5 bytes; an AES-256 key has exactly 32.");
      assertThat(analysis.getAction()).contains("openssl rand -base64 32", "TANDEM_PRIVACY_KEY");
      assertThat(analysis.getDescription() + analysis.getAction()).doesNotContain("c2hvcnQ=");
    });
  }

  @Test
  void shouldStartWithAGeneratedKeyOnTheEmbeddedDefault() {
    context.withPropertyValues("tandem.privacy.key-file=" + dir.resolve("privacy.key")).run(started -> {
      assertThat(started).hasNotFailed().hasSingleBean(InputCipher.class);
      assertThat(dir.resolve("privacy.key")).exists();
    });
  }

  private PrivacyProperties properties(String key) {
    return properties(key, dir.resolve("privacy.key"));
  }

  private static PrivacyProperties properties(String key, Path file) {
    return new PrivacyProperties(key, List.of(), file);
  }
}

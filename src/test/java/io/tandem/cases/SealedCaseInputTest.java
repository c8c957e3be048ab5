package io.tandem.cases;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tandem.privacy.InputCipher;
import io.tandem.privacy.SealedValue;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Sealed inputs in a real PostgreSQL across schema and key changes: upgrading a database whose
 * cases were stored in clear seals them, and after a key rotation they are re-sealed under the new key.
 */
class SealedCaseInputTest {

  private final byte[] oldKeyBytes = randomKey();
  private final InputCipher oldKey = new InputCipher(oldKeyBytes, List.of());
  private EmbeddedPostgres postgres;
  private JdbcTemplate jdbc;

  @BeforeEach
  void start() throws IOException {
    postgres = EmbeddedPostgres.builder().start();
    jdbc = new JdbcTemplate(postgres.getPostgresDatabase());
  }

  @AfterEach
  void stop() throws IOException {
    postgres.close();
  }

  @Test
  void shouldSealThePayloadsOfExistingCasesWhenUpgrading() {
    // given: a database at schema version 6, with cases stored in clear
    flyway(6, oldKey);
    UUID spam = UUID.randomUUID();
    UUID agent = UUID.randomUUID();
    insertPlain(spam, "{\"text\": \"Call Jane on +44 20 7946 0958\"}");
    insertPlain(agent, "{\"tool\": \"refund\", \"arguments\": {\"amount\": 120}}");

    // when
    flyway(null, oldKey);

    // then
    assertThat(jdbc.queryForList("select column_name from information_schema.columns"
        + " where table_name = 'review_case'", String.class))
        .doesNotContain("payload").contains("input_key_id", "input_nonce", "input_ciphertext");
    assertThat(jdbc.queryForObject("select string_agg(row_to_json(c)::text, '') from review_case c", String.class))
        .doesNotContain("Jane").doesNotContain("refund");
    assertThat(open(oldKey, spam)).isEqualTo(Map.of("text", "Call Jane on +44 20 7946 0958"));
    assertThat(open(oldKey, agent)).isEqualTo(Map.of("tool", "refund", "arguments", Map.of("amount", 120)));
  }

  @Test
  void shouldResealInputsUnderTheNewKeyAfterARotation() {
    // given: cases sealed under the old key, then a new key with the old one as previous
    flyway(null, oldKey);
    UUID first = insertSealed(oldKey, Map.of("text", "first"));
    UUID second = insertSealed(oldKey, Map.of("text", "second"));
    byte[] newKey = randomKey();
    InputCipher rotated = new InputCipher(newKey, List.of(oldKeyBytes));

    // when
    CaseRepository.Resealed resealed = repository(rotated).resealStale(10);

    // then: the new key alone opens them
    InputCipher newKeyOnly = new InputCipher(newKey, List.of());
    assertThat(resealed.count()).isEqualTo(2);
    assertThat(resealed.broken()).isEmpty();
    assertThat(open(newKeyOnly, first)).isEqualTo(Map.of("text", "first"));
    assertThat(open(newKeyOnly, second)).isEqualTo(Map.of("text", "second"));
    assertThat(repository(rotated).resealStale(10).count()).isZero();
  }

  @Test
  void shouldLeaveAnInputThatDoesNotOpenAndReportIt() {
    flyway(null, oldKey);
    UUID tampered = insertSealed(oldKey, Map.of("text", "x"));
    jdbc.update("update review_case set input_ciphertext = overlay(input_ciphertext placing '\\x00'::bytea from 1)"
        + " where id = ?", tampered);
    InputCipher rotated = new InputCipher(randomKey(), List.of(oldKeyBytes));

    CaseRepository.Resealed resealed = repository(rotated).resealStale(10);

    assertThat(resealed.count()).isZero();
    assertThat(resealed.broken()).containsExactly(tampered);
  }

  private void flyway(Integer target, InputCipher cipher) {
    var configuration = Flyway.configure().dataSource(postgres.getPostgresDatabase())
        .locations("classpath:db/migration").javaMigrations(new V8__Seal_case_input(cipher));
    if (target != null) {
      configuration.target(target.toString());
    }
    configuration.load().migrate();
  }

  private void insertPlain(UUID id, String payload) {
    jdbc.update("""
        insert into review_case (id, flow, status, payload, metadata, created_at, updated_at)
        values (?, 'spam-review', 'DECIDED', ?::jsonb, '{}'::jsonb, now(), now())""", id, payload);
  }

  private UUID insertSealed(InputCipher cipher, Map<String, Object> payload) {
    UUID id = UUID.randomUUID();
    SealedValue sealed = new CaseInputs(cipher, new ObjectMapper()).seal(id, payload).sealed();
    jdbc.update("""
        insert into review_case (id, flow, status, input_key_id, input_nonce, input_ciphertext, metadata,
          created_at, updated_at) values (?, 'spam-review', 'DECIDED', ?, ?, ?, '{}'::jsonb, now(), now())""",
        id, sealed.keyId(), sealed.nonce(), sealed.ciphertext());
    return id;
  }

  private CaseRepository repository(InputCipher cipher) {
    return new CaseRepository(jdbc, new ObjectMapper(), new CaseInputs(cipher, new ObjectMapper()));
  }

  private Map<String, Object> open(InputCipher cipher, UUID id) {
    SealedValue sealed = jdbc.queryForObject("select input_key_id, input_nonce, input_ciphertext from review_case where id = ?",
        (rs, i) -> new SealedValue(rs.getString(1), rs.getBytes(2), rs.getBytes(3)), id);
    assertThat(sealed.keyId()).isEqualTo(cipher.currentKeyId());
    return new CaseInputs(cipher, new ObjectMapper()).sealed(id, sealed).payload();
  }

  private static byte[] randomKey() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return key;
  }
}

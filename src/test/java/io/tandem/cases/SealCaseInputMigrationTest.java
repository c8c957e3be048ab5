package io.tandem.cases;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tandem.privacy.InputCipher;
import io.tandem.privacy.SealedValue;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/** Upgrading a database whose cases were stored in clear seals every payload and drops the clear column. */
class SealCaseInputMigrationTest {

  @Test
  void shouldSealThePayloadsOfExistingCases() throws Exception {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    InputCipher cipher = new InputCipher(key, List.of());
    try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
      // given: a database at schema version 6, with cases stored in clear
      JdbcTemplate jdbc = new JdbcTemplate(postgres.getPostgresDatabase());
      Flyway.configure().dataSource(postgres.getPostgresDatabase()).locations("classpath:db/migration")
          .target("6").load().migrate();
      UUID spam = UUID.randomUUID();
      UUID agent = UUID.randomUUID();
      insertPlain(jdbc, spam, "{\"text\": \"Call Jane on +44 20 7946 0958\"}");
      insertPlain(jdbc, agent, "{\"tool\": \"refund\", \"arguments\": {\"amount\": 120}}");

      // when
      Flyway.configure().dataSource(postgres.getPostgresDatabase()).locations("classpath:db/migration")
          .javaMigrations(new V8__Seal_case_input(cipher)).load().migrate();

      // then
      assertThat(jdbc.queryForList("select column_name from information_schema.columns"
          + " where table_name = 'review_case'", String.class))
          .doesNotContain("payload").contains("input_key_id", "input_nonce", "input_ciphertext");
      assertThat(jdbc.queryForObject("select string_agg(row_to_json(c)::text, '') from review_case c", String.class))
          .doesNotContain("Jane").doesNotContain("refund");
      assertThat(open(jdbc, cipher, spam)).isEqualTo(Map.of("text", "Call Jane on +44 20 7946 0958"));
      assertThat(open(jdbc, cipher, agent)).isEqualTo(Map.of("tool", "refund", "arguments", Map.of("amount", 120)));
    }
  }

  private static void insertPlain(JdbcTemplate jdbc, UUID id, String payload) {
    jdbc.update("""
        insert into review_case (id, flow, status, payload, metadata, created_at, updated_at)
        values (?, 'spam-review', 'DECIDED', ?::jsonb, '{}'::jsonb, now(), now())""", id, payload);
  }

  private static Map<String, Object> open(JdbcTemplate jdbc, InputCipher cipher, UUID id) {
    SealedValue sealed = jdbc.queryForObject("select input_key_id, input_nonce, input_ciphertext from review_case where id = ?",
        (rs, i) -> new SealedValue(rs.getString(1), rs.getBytes(2), rs.getBytes(3)), id);
    assertThat(sealed.keyId()).isEqualTo(cipher.currentKeyId());
    return new CaseInputs(cipher, new ObjectMapper()).sealed(id, sealed).payload();
  }
}

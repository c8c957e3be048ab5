package io.tandem.cases;

import io.tandem.privacy.InputCipher;
import io.tandem.privacy.SealedValue;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.stereotype.Component;

/**
 * Schema version 8: a case's payload is no longer kept in clear. Adds the sealed input's columns
 * (key id, nonce, ciphertext), seals every existing payload with the configured key, and drops the
 * plain {@code payload} column. A Java migration (a Spring bean, which Spring Boot hands to Flyway)
 * because sealing needs the key.
 */
@Component
public class V8__Seal_case_input extends BaseJavaMigration {

  private static final int BATCH = 500;
  private final InputCipher cipher;

  public V8__Seal_case_input(InputCipher cipher) {
    this.cipher = cipher;
  }

  @Override
  public void migrate(Context context) {
    JdbcTemplate jdbc = new JdbcTemplate(new SingleConnectionDataSource(context.getConnection(), true));
    jdbc.execute("""
        alter table review_case add column input_key_id text, add column input_nonce bytea,
          add column input_ciphertext bytea""");
    List<PlainRow> rows;
    do {
      rows = jdbc.query("select id, payload::text as payload from review_case where input_key_id is null limit ?",
          (rs, i) -> new PlainRow(rs.getObject("id", UUID.class), rs.getString("payload")), BATCH);
      for (PlainRow row : rows) {
        SealedValue sealed = cipher.seal(row.payload().getBytes(StandardCharsets.UTF_8),
            CaseInputs.associatedData(row.id()));
        jdbc.update("update review_case set input_key_id = ?, input_nonce = ?, input_ciphertext = ? where id = ?",
            sealed.keyId(), sealed.nonce(), sealed.ciphertext(), row.id());
      }
    } while (rows.size() == BATCH);
    jdbc.execute("""
        alter table review_case drop column payload,
          alter column input_key_id set not null, alter column input_nonce set not null,
          alter column input_ciphertext set not null""");
    jdbc.execute("""
        comment on column review_case.input_ciphertext is
          'the submitted payload as JSON, AES-256-GCM under key input_key_id with nonce input_nonce;'
          ' associated data tandem:review_case.input:<id>'""");
  }

  private record PlainRow(UUID id, String payload) {}
}

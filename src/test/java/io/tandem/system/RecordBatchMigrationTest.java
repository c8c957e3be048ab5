package io.tandem.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.tandem.cases.V8__Seal_case_input;
import io.tandem.privacy.InputCipher;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Upgrading a database whose engine wrote one row per record (schema 10) to record batches keeps
 * every record, in the order of the log, readable through the {@code engine_record} view.
 */
class RecordBatchMigrationTest {

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
  void shouldKeepEveryRecordInOrderWhenUpgrading() {
    // given: records of two instances, one row each, interleaved
    migrate("10");
    record("PROCESS_INSTANCE", "ELEMENT_ACTIVATING", 11, 11, "process", "PROCESS", null, null);
    record("PROCESS_INSTANCE", "ELEMENT_ACTIVATING", 21, 21, "process", "PROCESS", null, null);
    record("JOB", "CREATED", 12, 11, "task", "SERVICE_TASK", 11L, "{\"type\": \"score\", \"retries\": 3}");
    record("VARIABLE", "CREATED", 22, 21, null, null, 21L, "{\"name\": \"x\", \"value\": null}");

    // when
    migrate(null);

    // then
    assertThat(trace(11)).containsExactly(
        "PROCESS_INSTANCE ELEMENT_ACTIVATING 11 process PROCESS null null",
        "JOB CREATED 12 task SERVICE_TASK 11 {\"type\": \"score\", \"retries\": 3}");
    assertThat(trace(21)).containsExactly(
        "PROCESS_INSTANCE ELEMENT_ACTIVATING 21 process PROCESS null null",
        "VARIABLE CREATED 22 null null 21 {\"name\": \"x\", \"value\": null}");
    // and a new batch goes after the old records
    jdbc.update("insert into engine_record_batch (process_instance_key, created_at, records)"
        + " values (11, now(), '[{\"valueType\": \"JOB\", \"intent\": \"COMPLETED\", \"key\": 12}]')");
    assertThat(trace(11)).last().isEqualTo("JOB COMPLETED 12 null null null null");
    assertThat(jdbc.queryForObject("select count(distinct position) from engine_record", Integer.class)).isEqualTo(5);
  }

  private void migrate(String target) {
    var configuration = Flyway.configure().dataSource(postgres.getPostgresDatabase())
        .locations("classpath:db/migration")
        .javaMigrations(new V8__Seal_case_input(new InputCipher(new byte[32], List.of())));
    if (target != null) {
      configuration.target(target);
    }
    configuration.load().migrate();
  }

  private void record(String valueType, String intent, long key, long processInstanceKey, String elementId,
      String elementType, Long flowScopeKey, String payload) {
    jdbc.update("""
        insert into engine_record (value_type, intent, key, process_instance_key, element_id, element_type,
          flow_scope_key, payload, created_at) values (?, ?, ?, ?, ?, ?, ?, ?::jsonb, now())""",
        valueType, intent, key, processInstanceKey, elementId, elementType, flowScopeKey, payload);
  }

  private List<String> trace(long processInstanceKey) {
    return jdbc.queryForList("""
        select concat_ws(' ', value_type, intent, key, coalesce(element_id, 'null'), coalesce(element_type, 'null'),
          coalesce(flow_scope_key::text, 'null'), coalesce(payload::text, 'null'))
        from engine_record where process_instance_key = ? order by position, record_index""",
        String.class, processInstanceKey);
  }
}

package io.tandem.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import io.tandem.testsupport.TestUsers;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The audit chain on the real (embedded) PostgreSQL. The context, and so the database, is shared
 * with other tests: tests that tamper put the row back before they end, and counts are relative.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class AuditLogTest {

  @Autowired AuditLog auditLog;
  @Autowired JdbcTemplate jdbc;
  @Autowired TransactionTemplate transactions;
  TestRestTemplate http;

  @Autowired
  void signIn(TestRestTemplate anonymous) {
    http = TestUsers.as(anonymous, TestUsers.ADMIN);
  }

  @Test
  void shouldAppendAndReadBackInChainOrder() {
    // given
    String caseId = newCaseId();

    // when
    AuditEvent submitted =
        auditLog.append(caseId, AuditEventType.SUBMITTED, "client-7", Map.of("clientKey", "k-1"));
    AuditEvent inferred =
        auditLog.append(
            caseId,
            AuditEventType.INFERRED,
            "inference-worker",
            Map.of("model", "spam-v2", "confidence", 0.93, "labels", List.of("spam", "ham")));
    AuditEvent decided = auditLog.append(caseId, AuditEventType.DECIDED, AuditLog.SYSTEM, null);

    // then
    List<AuditEvent> events = auditLog.forCase(caseId);
    assertThat(events).containsExactly(submitted, inferred, decided);
    assertThat(inferred.sequence()).isGreaterThan(submitted.sequence());
    assertThat(inferred.previousHash()).isEqualTo(submitted.hash());
    assertThat(inferred.payload())
        .containsEntry("model", "spam-v2")
        .containsEntry("confidence", 0.93)
        .containsEntry("labels", List.of("spam", "ham"));
    assertThat(inferred.actor()).isEqualTo("inference-worker");
    assertThat(inferred.occurredAt()).isEqualTo(inferred.occurredAt().truncatedTo(ChronoUnit.MICROS));
    assertThat(decided.payload()).isEmpty();
    assertThat(auditLog.verify().intact()).isTrue();
  }

  @Test
  void shouldKeepAnEventOfNoCase() {
    AuditEvent event =
        auditLog.append(null, AuditEventType.KILL_SWITCH_CHANGED, "ops-anna", Map.of("on", true));

    assertThat(event.caseId()).isNull();
    assertThat(auditLog.verify().intact()).isTrue();
  }

  @Test
  void shouldRejectAnEventWithoutTypeOrActor() {
    assertThatThrownBy(() -> auditLog.append("c", "decided", "a", Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("upper snake case");
    assertThatThrownBy(() -> auditLog.append("c", AuditEventType.DECIDED, " ", Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("actor");
  }

  @Test
  void shouldKeepOneUnbrokenChainUnderConcurrentAppends() throws Exception {
    // given
    long before = auditLog.verify().checkedEvents();
    int threads = 16;
    int perThread = 25;
    String caseId = newCaseId();
    ExecutorService pool = Executors.newFixedThreadPool(threads);

    // when
    List<Future<List<AuditEvent>>> appended = new ArrayList<>();
    try {
      for (int t = 0; t < threads; t++) {
        int thread = t;
        Callable<List<AuditEvent>> appender =
            () -> {
              List<AuditEvent> mine = new ArrayList<>();
              for (int i = 0; i < perThread; i++) {
                mine.add(
                    auditLog.append(
                        caseId, AuditEventType.TASK_COMPLETED, "reviewer-" + thread, Map.of("i", i)));
              }
              return mine;
            };
        appended.add(pool.submit(appender));
      }
      Set<Long> sequences = new HashSet<>();
      for (Future<List<AuditEvent>> future : appended) {
        future.get().forEach(event -> sequences.add(event.sequence()));
      }

      // then
      assertThat(sequences).hasSize(threads * perThread);
      ChainVerification verification = auditLog.verify();
      assertThat(verification.intact()).as(verification.reason()).isTrue();
      assertThat(verification.checkedEvents()).isEqualTo(before + threads * perThread);
      assertThat(auditLog.forCase(caseId)).hasSize(threads * perThread);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void shouldAppendOnceOnlyWhatTheCaseDoesNotHaveYet() {
    // given
    String caseId = newCaseId();
    Map<String, Object> created = Map.of("taskKey", 7L, "jobKey", 2251799813685300L);

    // when: the same job twice, then another job
    var first = auditLog.appendOnce(caseId, AuditEventType.TASK_CREATED, "worker", created, "jobKey");
    var again = auditLog.appendOnce(caseId, AuditEventType.TASK_CREATED, "worker", created, "jobKey");
    var other = auditLog.appendOnce(caseId, AuditEventType.TASK_CREATED, "worker",
        Map.of("taskKey", 8L, "jobKey", 2251799813685301L), "jobKey");

    // then
    assertThat(first).isPresent();
    assertThat(again).isEmpty();
    assertThat(other).isPresent();
    assertThat(auditLog.forCase(caseId)).extracting(AuditEvent::sequence)
        .containsExactly(first.get().sequence(), other.get().sequence());
    assertThat(auditLog.appendOnce(newCaseId(), AuditEventType.TASK_CREATED, "worker", created, "jobKey"))
        .as("another case").isPresent();
    assertThatThrownBy(() -> auditLog.appendOnce(caseId, AuditEventType.TASK_CREATED, "worker",
        Map.of("taskKey", 9L), "jobKey")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shouldAppendOnceWhenTheSameWorkRunsConcurrently() throws Exception {
    // given: a job delivered to eight workers at once
    String caseId = newCaseId();
    int threads = 8;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      // when
      List<Future<Boolean>> runs = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        runs.add(pool.submit(() -> auditLog.appendOnce(caseId, AuditEventType.TASK_ASSIGNED, "worker",
            Map.of("assignee", "anna", "jobKey", 42L), "jobKey").isPresent()));
      }
      int appended = 0;
      for (Future<Boolean> run : runs) {
        appended += run.get() ? 1 : 0;
      }

      // then
      assertThat(appended).isEqualTo(1);
      assertThat(auditLog.forCase(caseId)).hasSize(1);
      assertThat(auditLog.verify().intact()).isTrue();
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void shouldRecordNothingAndLeaveNoGapWhenTheCallersTransactionRollsBack() {
    // given
    String caseId = newCaseId();
    AuditEvent first = auditLog.append(caseId, AuditEventType.SUBMITTED, "client", Map.of());

    // when
    transactions.executeWithoutResult(
        tx -> {
          auditLog.append(caseId, AuditEventType.ROUTED, AuditLog.SYSTEM, Map.of("to", "review"));
          tx.setRollbackOnly();
        });
    AuditEvent next = auditLog.append(caseId, AuditEventType.ROUTED, AuditLog.SYSTEM, Map.of());

    // then
    assertThat(auditLog.forCase(caseId)).containsExactly(first, next);
    assertThat(next.sequence()).isEqualTo(first.sequence() + 1);
    assertThat(auditLog.verify().intact()).isTrue();
  }

  @Test
  void shouldReportExactlyTheTamperedEvent() {
    // given
    String caseId = newCaseId();
    auditLog.append(caseId, AuditEventType.INFERRED, "worker", Map.of("prediction", "spam"));
    AuditEvent decided =
        auditLog.append(caseId, AuditEventType.DECIDED, "alice", Map.of("answer", "spam"));
    auditLog.append(caseId, AuditEventType.WEBHOOK_DELIVERED, "webhooks", Map.of());
    String original =
        jdbc.queryForObject(
            "SELECT payload::text FROM audit_event WHERE sequence = ?", String.class, decided.sequence());

    try {
      // when someone with the power to switch the trigger off rewrites a decision
      rewritePayload(decided.sequence(), "{\"answer\": \"ham\"}");
      ChainVerification verification = auditLog.verify();

      // then
      assertThat(verification.intact()).isFalse();
      assertThat(verification.firstBrokenSequence()).isEqualTo(decided.sequence());
      assertThat(verification.checkedEvents()).isEqualTo(decided.sequence() - 1);
      assertThat(verification.reason()).contains("altered");
      ChainVerification served = http.getForObject("/api/audit/verification", ChainVerification.class);
      assertThat(served).isEqualTo(verification);
    } finally {
      rewritePayload(decided.sequence(), original);
    }
    assertThat(auditLog.verify().intact()).isTrue();
  }

  @Test
  void shouldReportAMissingEvent() {
    // given
    String caseId = newCaseId();
    auditLog.append(caseId, AuditEventType.TASK_CREATED, AuditLog.SYSTEM, Map.of());
    AuditEvent assigned = auditLog.append(caseId, AuditEventType.TASK_ASSIGNED, "bob", Map.of());
    auditLog.append(caseId, AuditEventType.TASK_COMPLETED, "bob", Map.of());
    Map<String, Object> row =
        jdbc.queryForMap(
            "SELECT sequence, case_id, event_type, actor, occurred_at::text AS occurred_at,"
                + " payload::text AS payload, previous_hash, hash FROM audit_event WHERE sequence = ?",
            assigned.sequence());

    try {
      // when
      withoutTrigger("DELETE FROM audit_event WHERE sequence = " + assigned.sequence());
      ChainVerification verification = auditLog.verify();

      // then
      assertThat(verification.intact()).isFalse();
      assertThat(verification.firstBrokenSequence()).isEqualTo(assigned.sequence());
      assertThat(verification.reason()).contains("missing");
    } finally {
      jdbc.update(
          "INSERT INTO audit_event (sequence, case_id, event_type, actor, occurred_at, payload,"
              + " previous_hash, hash) VALUES (?, ?, ?, ?, CAST(? AS timestamptz), CAST(? AS jsonb), ?, ?)",
          row.get("sequence"),
          row.get("case_id"),
          row.get("event_type"),
          row.get("actor"),
          row.get("occurred_at"),
          row.get("payload"),
          row.get("previous_hash"),
          row.get("hash"));
    }
    assertThat(auditLog.verify().intact()).isTrue();
  }

  @Test
  void shouldRejectUpdateDeleteAndTruncateInTheDatabase() {
    // given
    AuditEvent event = auditLog.append(newCaseId(), AuditEventType.DECIDED, "alice", Map.of());

    // when / then
    assertRejected(
        () -> jdbc.update("UPDATE audit_event SET actor = 'mallory' WHERE sequence = ?", event.sequence()),
        "audit_event is append-only: UPDATE is not allowed");
    assertRejected(
        () -> jdbc.update("DELETE FROM audit_event WHERE sequence = ?", event.sequence()),
        "audit_event is append-only: DELETE is not allowed");
    assertRejected(
        () -> jdbc.execute("TRUNCATE audit_event"),
        "audit_event is append-only: TRUNCATE is not allowed");
    assertRejected(
        () -> jdbc.update("UPDATE audit_chain_head SET sequence = 0, hash = repeat('0', 64)"),
        "audit_chain_head only advances");
    assertRejected(
        () -> jdbc.update("DELETE FROM audit_chain_head"),
        "audit_chain_head is append-only: DELETE is not allowed");
    assertThat(auditLog.forCase(event.caseId())).containsExactly(event);
    assertThat(auditLog.verify().intact()).isTrue();
  }

  @Test
  void shouldServeACasesEventsOverHttp() {
    // given
    String caseId = newCaseId();
    AuditEvent submitted = auditLog.append(caseId, AuditEventType.SUBMITTED, "client", Map.of("n", 1));
    AuditEvent masked = auditLog.append(caseId, AuditEventType.MASKED, "pii-worker", Map.of());

    // when
    List<AuditEvent> served =
        http.exchange(
                "/api/cases/{id}/audit",
                HttpMethod.GET,
                null,
                new ParameterizedTypeReference<List<AuditEvent>>() {},
                caseId)
            .getBody();
    ChainVerification verification =
        http.getForObject("/api/audit/verification", ChainVerification.class);

    // then
    assertThat(served).containsExactly(submitted, masked);
    assertThat(verification.intact()).isTrue();
    assertThat(verification.firstBrokenSequence()).isNull();
    assertThat(verification.checkedEvents()).isGreaterThanOrEqualTo(masked.sequence());
  }

  private static void assertRejected(ThrowingCallable statement, String message) {
    assertThatThrownBy(statement)
        .isInstanceOf(DataIntegrityViolationException.class)
        .rootCause()
        .hasMessageContaining(message);
  }

  private void rewritePayload(long sequence, String payload) {
    withoutTrigger(
        "UPDATE audit_event SET payload = '%s'::jsonb WHERE sequence = %d"
            .formatted(payload.replace("'", "''"), sequence));
  }

  /** Tampering as only a superuser or the table owner could; the embedded database runs as one. */
  private void withoutTrigger(String sql) {
    transactions.executeWithoutResult(
        tx -> {
          jdbc.execute("ALTER TABLE audit_event DISABLE TRIGGER audit_event_append_only");
          jdbc.execute(sql);
          jdbc.execute("ALTER TABLE audit_event ENABLE TRIGGER audit_event_append_only");
        });
  }

  private static String newCaseId() {
    return "case-" + UUID.randomUUID();
  }
}

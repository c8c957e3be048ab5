package io.tandem.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tandem.audit.AuditEvent;
import io.tandem.audit.AuditEventType;
import io.tandem.audit.AuditLog;
import io.tandem.webhooks.WebhookReceiver.Received;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Deliveries to a real local HTTP receiver, through the outbox in the real (embedded) PostgreSQL. */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "tandem.webhooks.secret=" + WebhookDispatcherTest.SECRET,
      "tandem.webhooks.poll-interval=50ms",
      "tandem.webhooks.max-attempts=4",
      "tandem.webhooks.backoff.base=50ms",
      "tandem.webhooks.backoff.cap=200ms",
      "tandem.webhooks.backoff.jitter=0",
      "tandem.webhooks.connect-timeout=2s",
      "tandem.webhooks.request-timeout=5s"
    })
@ActiveProfiles("test")
class WebhookDispatcherTest {

  static final String SECRET = "test-secret";
  private static final Duration PATIENCE = Duration.ofSeconds(20);

  @Autowired WebhookDispatcher dispatcher;
  @Autowired WebhookRepository repository;
  @Autowired WebhookProperties properties;
  @Autowired AuditLog auditLog;
  @Autowired ObjectMapper json;
  @Autowired PlatformTransactionManager transactionManager;
  @Autowired TransactionTemplate transactions;
  @Autowired WebhookPoller poller;

  @Test
  void shouldDeliverWithASignatureTheReceiverVerifies() throws Exception {
    try (WebhookReceiver receiver = WebhookReceiver.start()) {
      // given
      String caseId = newCaseId();

      // when
      WebhookDelivery delivery =
          dispatcher.enqueue(
              caseId, receiver.url(), "DECIDED", Map.of("answer", "spam", "reviewers", List.of("alice")));

      // then
      assertThat(delivery.status()).isEqualTo(DeliveryStatus.PENDING);
      await().atMost(PATIENCE).until(() -> status(delivery.id()) == DeliveryStatus.DELIVERED);
      assertThat(receiver.received()).hasSize(1);
      Received request = receiver.received().get(0);
      assertThat(WebhookSignature.matches(SECRET, request.body(), request.header("X-Tandem-Signature")))
          .isTrue();
      assertThat(request.header("X-Tandem-Signature")).isEqualTo(dispatcher.signatureFor(request.body()));
      assertThat(request.header("X-Tandem-Delivery")).isEqualTo(delivery.id().toString());
      assertThat(request.header("X-Tandem-Event")).isEqualTo("DECIDED");
      assertThat(request.header("Content-Type")).isEqualTo("application/json");
      JsonNode body = json.readTree(request.body());
      assertThat(body.get("deliveryId").asText()).isEqualTo(delivery.id().toString());
      assertThat(body.get("caseId").asText()).isEqualTo(caseId);
      assertThat(body.get("eventType").asText()).isEqualTo("DECIDED");
      assertThat(body.get("timestamp").asText()).isEqualTo(request.header("X-Tandem-Timestamp"));
      assertThat(json.convertValue(body.get("payload"), Map.class))
          .isEqualTo(Map.of("answer", "spam", "reviewers", List.of("alice")));

      WebhookDelivery delivered = dispatcher.find(delivery.id()).orElseThrow();
      assertThat(delivered.attempts()).isEqualTo(1);
      assertThat(delivered.lastStatusCode()).isEqualTo(200);
      assertThat(delivered.deliveredAt()).isNotNull();
      assertThat(dispatcher.attempts(delivery.id()))
          .singleElement()
          .satisfies(attempt -> assertThat(attempt.succeeded()).isTrue());
      assertThat(auditLog.forCase(caseId))
          .extracting(AuditEvent::eventType)
          .containsExactly(AuditEventType.WEBHOOK_DELIVERED);
    }
  }

  @Test
  void shouldRunThePollerAsABean() {
    assertThat(poller.isRunning()).isTrue();
    assertThat(properties.pollInterval()).isEqualTo(Duration.ofMillis(50));
  }

  @Test
  void shouldRetryWithBackoffUntilTheReceiverAccepts() {
    try (WebhookReceiver receiver = WebhookReceiver.start()) {
      // given
      receiver.answer(500, 500);

      // when
      WebhookDelivery delivery = dispatcher.enqueue(newCaseId(), receiver.url(), "DECIDED", Map.of());

      // then
      await().atMost(PATIENCE).until(() -> status(delivery.id()) == DeliveryStatus.DELIVERED);
      assertThat(dispatcher.find(delivery.id()).orElseThrow().attempts()).isEqualTo(3);
      List<WebhookAttempt> attempts = dispatcher.attempts(delivery.id());
      assertThat(attempts).extracting(WebhookAttempt::statusCode).containsExactly(500, 500, 200);
      assertThat(attempts).extracting(WebhookAttempt::error).containsExactly("HTTP 500", "HTTP 500", null);
      // base 50 ms, factor 2, no jitter
      assertThat(attempts.get(1).startedAt())
          .isAfterOrEqualTo(attempts.get(0).finishedAt().plusMillis(50));
      assertThat(attempts.get(2).startedAt())
          .isAfterOrEqualTo(attempts.get(1).finishedAt().plusMillis(100));
      assertThat(receiver.received())
          .extracting(request -> request.header("X-Tandem-Delivery"))
          .containsOnly(delivery.id().toString())
          .hasSize(3);
    }
  }

  @Test
  void shouldFailAfterMaxAttemptsWhenTheReceiverIsUnreachable() throws IOException {
    // given
    String caseId = newCaseId();
    String unreachable = "http://127.0.0.1:" + freePort() + "/hook";

    // when
    WebhookDelivery delivery = dispatcher.enqueue(caseId, unreachable, "DECIDED", Map.of());

    // then
    await().atMost(PATIENCE).until(() -> status(delivery.id()) == DeliveryStatus.FAILED);
    WebhookDelivery failed = dispatcher.find(delivery.id()).orElseThrow();
    assertThat(failed.attempts()).isEqualTo(properties.maxAttempts()).isEqualTo(4);
    assertThat(failed.lastStatusCode()).isNull();
    assertThat(failed.lastError()).contains("ConnectException");
    assertThat(failed.deliveredAt()).isNull();
    assertThat(dispatcher.attempts(delivery.id()))
        .hasSize(4)
        .allSatisfy(attempt -> assertThat(attempt.succeeded()).isFalse());
    assertThat(auditLog.forCase(caseId))
        .extracting(AuditEvent::eventType)
        .containsExactly(AuditEventType.WEBHOOK_FAILED);
  }

  @Test
  void shouldSendNothingForATransactionThatRolledBack() {
    try (WebhookReceiver receiver = WebhookReceiver.start()) {
      // given
      String caseId = newCaseId();

      // when
      WebhookDelivery rolledBack =
          transactions.execute(
              tx -> {
                WebhookDelivery enqueued =
                    dispatcher.enqueue(caseId, receiver.url(), "DECIDED", Map.of("n", 1));
                tx.setRollbackOnly();
                return enqueued;
              });
      WebhookDelivery committed = dispatcher.enqueue(caseId, receiver.url(), "DECIDED", Map.of("n", 2));

      // then
      assertThat(dispatcher.find(rolledBack.id())).isEmpty();
      await().atMost(PATIENCE).until(() -> status(committed.id()) == DeliveryStatus.DELIVERED);
      assertThat(receiver.received())
          .extracting(request -> request.header("X-Tandem-Delivery"))
          .containsExactly(committed.id().toString());
      assertThat(dispatcher.forCase(caseId)).extracting(WebhookDelivery::id).containsExactly(committed.id());
    }
  }

  @Test
  void shouldRejectAnUnacceptableUrl() {
    assertThatThrownBy(() -> dispatcher.enqueue(newCaseId(), "ftp://example.com/x", "DECIDED", Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("http or https");
    assertThatThrownBy(
            () -> dispatcher.enqueue(newCaseId(), "https://u:p@example.com/x", "DECIDED", Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("credentials");
  }

  @Test
  void shouldSendEachDeliveryOnceWhenDispatchersPollConcurrently() throws Exception {
    try (WebhookReceiver receiver = WebhookReceiver.start()) {
      // given 100 deliveries, due at once, and two more nodes besides this context's own poller
      String caseId = newCaseId();
      int count = 100;
      List<UUID> ids =
          transactions.execute(
              tx -> {
                List<UUID> enqueued = new ArrayList<>();
                for (int i = 0; i < count; i++) {
                  enqueued.add(dispatcher.enqueue(caseId, receiver.url(), "DECIDED", Map.of("i", i)).id());
                }
                return enqueued;
              });
      List<WebhookDispatcher> nodes = List.of(anotherNode(), anotherNode());
      ExecutorService threads = Executors.newFixedThreadPool(nodes.size());

      // when every node delivers what it can claim until nothing is due
      try {
        List<Future<Integer>> sent = new ArrayList<>();
        for (WebhookDispatcher node : nodes) {
          sent.add(
              threads.submit(
                  () -> {
                    int total = 0;
                    for (int attempted = node.deliverDue(); attempted > 0; attempted = node.deliverDue()) {
                      total += attempted;
                    }
                    return total;
                  }));
        }
        for (Future<Integer> future : sent) {
          future.get();
        }
      } finally {
        threads.shutdownNow();
      }

      // then
      await()
          .atMost(PATIENCE)
          .until(() -> ids.stream().allMatch(id -> status(id) == DeliveryStatus.DELIVERED));
      Map<String, Long> requestsPerDelivery =
          receiver.received().stream()
              .collect(
                  Collectors.groupingBy(r -> r.header("X-Tandem-Delivery"), Collectors.counting()));
      assertThat(requestsPerDelivery)
          .hasSize(count)
          .containsOnlyKeys(ids.stream().map(UUID::toString).toList())
          .allSatisfy((id, requests) -> assertThat(requests).as(id).isEqualTo(1L));
      assertThat(ids).allSatisfy(id -> assertThat(dispatcher.attempts(id)).hasSize(1));
    }
  }

  /** A dispatcher as another app node would run it, on the same database, with small batches. */
  private WebhookDispatcher anotherNode() {
    WebhookProperties small =
        new WebhookProperties(
            true,
            properties.pollInterval(),
            5,
            properties.maxAttempts(),
            properties.secret(),
            properties.connectTimeout(),
            properties.requestTimeout(),
            properties.backoff());
    return new WebhookDispatcher(repository, auditLog, json, small, transactionManager, Clock.systemUTC());
  }

  private DeliveryStatus status(UUID id) {
    return dispatcher.find(id).map(WebhookDelivery::status).orElseThrow();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static String newCaseId() {
    return "case-" + UUID.randomUUID();
  }
}

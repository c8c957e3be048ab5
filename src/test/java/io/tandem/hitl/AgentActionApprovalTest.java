package io.tandem.hitl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.camunda.client.api.search.response.UserTask;
import io.tandem.webhooks.WebhookSignature;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

class AgentActionApprovalTest extends HitlTest {

  private Map<String, Object> proposal(String riskLevel, Map<String, Object> extra) {
    Map<String, Object> payload = new java.util.LinkedHashMap<>(Map.of("agent", "billing-bot",
        "tool", "refund", "arguments", Map.of("orderId", "A-17", "amount", 120),
        "riskLevel", riskLevel, "justification", "customer was charged twice"));
    Map<String, Object> submission = new java.util.LinkedHashMap<>(Map.of("flow", "agent-action", "payload", payload));
    submission.putAll(extra);
    return submission;
  }

  @Test
  void shouldApproveALowRiskActionByPolicy() {
    UUID id = submit(proposal("low", Map.of()));

    Map<String, Object> decided = awaitDecided(id);

    assertThat(decided.get("decidedBy")).isEqualTo("policy");
    assertThat((Map<String, Object>) decided.get("decision")).containsEntry("decision", "approve");
  }

  @Test
  void shouldLetOneApproverApproveEditOrRejectAHighRiskAction() {
    UUID approved = submit(proposal("high", Map.of()));
    UUID edited = submit(proposal("high", Map.of()));
    UUID rejected = submit(proposal("high", Map.of()));

    answer(awaitTasks(approved, "approve-action", 1).get(0), "amy", "approve", "fine");
    var edit = http.postForEntity("/api/tasks/" + awaitTasks(edited, "approve-action", 1).get(0).getUserTaskKey() + "/answer",
        Map.of("reviewer", "amy", "answer", "edit", "reason", "refund only 100",
            "editedArguments", Map.of("orderId", "A-17", "amount", 100)), Map.class);
    answer(awaitTasks(rejected, "approve-action", 1).get(0), "amy", "reject", "not our error");

    assertThat(edit.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
    assertThat((Map<String, Object>) awaitDecided(approved).get("decision")).containsEntry("decision", "approve");
    Map<String, Object> editDecision = (Map<String, Object>) awaitDecided(edited).get("decision");
    assertThat(editDecision).containsEntry("decision", "edit");
    assertThat((Map<String, Object>) editDecision.get("arguments")).containsEntry("amount", 100);
    assertThat((Map<String, Object>) awaitDecided(rejected).get("decision"))
        .containsEntry("decision", "reject").containsEntry("reason", "not our error");
  }

  @Test
  void shouldNeedTwoDifferentApproversForACriticalAction() {
    UUID id = submit(proposal("critical", Map.of()));

    UserTask first = awaitTasks(id, "first-approval", 1).get(0);
    claim(first, "amy");
    answer(first, "amy", "approve", "ok");
    UserTask second = awaitTasks(id, "second-approval", 1).get(0);
    assertThat(answer(second, "amy", "approve", "me again").getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    claim(second, "ben");
    answer(second, "ben", "approve", "agreed");

    Map<String, Object> decided = awaitDecided(id);
    assertThat((Map<String, Object>) decided.get("decision")).containsEntry("decision", "approve");
    assertThat(auditTrail(id)).containsExactly("SUBMITTED", "TASK_CREATED", "TASK_ASSIGNED", "TASK_COMPLETED",
        "TASK_CREATED", "TASK_ASSIGNED", "TASK_COMPLETED", "DECIDED");
    assertThat(auditPayloads(id, "TASK_CREATED")).extracting(p -> p.get("elementId"), p -> p.get("priority"),
        p -> p.get("candidateGroups"))
        .containsExactly(tuple("first-approval", 90, List.of("approvers")), tuple("second-approval", 90, List.of("approvers")));
    assertThat(auditPayloads(id, "TASK_ASSIGNED")).extracting(p -> p.get("taskKey"), p -> p.get("assignee"))
        .containsExactly(tuple(first.getUserTaskKey(), "amy"), tuple(second.getUserTaskKey(), "ben"));
    assertThat(auditChainIntact()).isTrue();
  }

  @Test
  void shouldStopAtTheFirstRejectionOfACriticalAction() {
    UUID id = submit(proposal("critical", Map.of()));

    answer(awaitTasks(id, "first-approval", 1).get(0), "amy", "reject", "too risky");

    assertThat((Map<String, Object>) awaitDecided(id).get("decision")).containsEntry("decision", "reject");
  }

  @Test
  void shouldCallTheWebhookWithASignedResultAndRetryUntilItIsTaken() throws IOException {
    List<String> bodies = new CopyOnWriteArrayList<>();
    List<String> signatures = new CopyOnWriteArrayList<>();
    AtomicInteger calls = new AtomicInteger();
    HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    receiver.createContext("/hook", exchange -> {
      byte[] body = exchange.getRequestBody().readAllBytes();
      boolean fail = calls.incrementAndGet() == 1; // the first attempt fails
      if (!fail) {
        bodies.add(new String(body, StandardCharsets.UTF_8));
        signatures.add(exchange.getRequestHeaders().getFirst("X-Tandem-Signature"));
      }
      exchange.sendResponseHeaders(fail ? 500 : 204, -1);
      exchange.close();
    });
    receiver.start();
    try {
      String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
      UUID id = submit(proposal("low", Map.of("webhookUrl", url)));

      awaitDecided(id);
      await().atMost(WAIT).until(() -> bodies.size() == 1);

      assertThat(calls.get()).isGreaterThanOrEqualTo(2);
      assertThat(bodies.get(0)).contains(id.toString()).contains("case.decided").contains("approve");
      assertThat(WebhookSignature.matches("test-secret", bodies.get(0).getBytes(StandardCharsets.UTF_8),
          signatures.get(0))).isTrue();
    } finally {
      receiver.stop(0);
    }
  }
}

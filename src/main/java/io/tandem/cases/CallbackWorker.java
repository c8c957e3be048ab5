package io.tandem.cases;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.tandem.flows.FlowProperties;
import io.tandem.webhooks.WebhookDispatcher;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Calls back the case's (or else its flow's) webhook: once the decision is final, and when a
 * review is overdue. Enqueued in the outbox once per case and event, so a redelivered job sends
 * nothing twice; delivery itself is retried by the webhook dispatcher.
 */
@Component
// public: the Camunda starter invokes job worker methods reflectively
public class CallbackWorker {

  static final String DECIDED = "case.decided";
  static final String REMINDER = "case.review-overdue";

  private final CaseRepository cases;
  private final FlowProperties flows;
  private final WebhookDispatcher webhooks;

  CallbackWorker(CaseRepository cases, FlowProperties flows, WebhookDispatcher webhooks) {
    this.cases = cases;
    this.flows = flows;
    this.webhooks = webhooks;
  }

  @JobWorker(type = "tandem.notify-decision", fetchVariables = "caseId")
  @Transactional
  public void decided(@Variable String caseId) {
    ReviewCase c = cases.find(UUID.fromString(caseId)).orElseThrow();
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("caseId", caseId);
    payload.put("flow", c.flow());
    payload.put("status", c.status());
    payload.put("decision", c.decision());
    payload.put("decidedBy", c.decidedBy());
    payload.put("reason", c.decisionReason());
    payload.put("route", c.route());
    payload.put("policyRule", c.policyRule());
    payload.put("decidedAt", c.decidedAt() == null ? null : c.decidedAt().toString());
    enqueueOnce(c, DECIDED, payload);
  }

  @JobWorker(type = "tandem.notify-reminder", fetchVariables = "caseId")
  @Transactional
  public void reminder(@Variable String caseId) {
    ReviewCase c = cases.find(UUID.fromString(caseId)).orElseThrow();
    enqueueOnce(c, REMINDER, Map.of("caseId", caseId, "flow", c.flow(), "status", c.status()));
  }

  private void enqueueOnce(ReviewCase c, String eventType, Map<String, Object> payload) {
    String url = c.webhookUrl() != null ? c.webhookUrl()
        : flows.flow(c.flow()).map(f -> f.webhookUrl()).orElse(null);
    if (url == null) {
      return;
    }
    boolean already = webhooks.forCase(c.id().toString()).stream().anyMatch(d -> d.eventType().equals(eventType));
    if (!already) {
      webhooks.enqueue(c.id().toString(), url, eventType, payload);
    }
  }
}

package io.tandem.audit;

import io.camunda.client.api.search.response.UserTask;
import io.tandem.cases.CaseEvents;
import io.tandem.cases.ReviewCase;
import io.tandem.flows.FlowControl;
import io.tandem.flows.FlowEvents;
import io.tandem.review.AnswerRepository.StoredAnswer;
import io.tandem.review.ReviewEvents;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Writes what happens to cases, reviews and flow switches into the hash-chained audit log. */
@Component
class CaseAuditing implements CaseEvents, ReviewEvents, FlowEvents {

  private final AuditLog audit;

  CaseAuditing(AuditLog audit) {
    this.audit = audit;
  }

  @Override
  public void submitted(ReviewCase c) {
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("flow", c.flow());
    payload.put("idempotencyKey", c.idempotencyKey());
    payload.put("inputHash", InputHash.of(c.payload()));
    payload.put("metadata", c.metadata());
    audit.append(c.id().toString(), AuditEventType.SUBMITTED, requesterOrClient(c), payload);
  }

  @Override
  public void decided(ReviewCase c) {
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("decision", c.decision());
    payload.put("decidedBy", c.decidedBy());
    payload.put("reason", c.decisionReason());
    payload.put("route", c.route());
    payload.put("policyRule", c.policyRule());
    payload.put("modelId", c.modelId());
    payload.put("modelVersion", c.modelVersion());
    payload.put("confidence", c.confidence());
    payload.put("prediction", c.prediction());
    audit.append(c.id().toString(), AuditEventType.DECIDED, String.valueOf(c.decidedBy()), payload);
  }

  /** Who read it is not known until sign-in exists; the hash says which input was read. */
  @Override
  public void inputRead(ReviewCase c) {
    audit.append(c.id().toString(), AuditEventType.INPUT_READ, "api-client",
        Map.of("inputHash", InputHash.of(c.payload())));
  }

  @Override
  public void answered(ReviewCase c, UserTask task, StoredAnswer answer) {
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("taskKey", task.getUserTaskKey());
    payload.put("elementId", task.getElementId());
    payload.put("answer", answer.answer());
    payload.put("reason", answer.reason());
    payload.put("modelPrediction", c.prediction());
    payload.put("agreesWithModel", answer.answer().equals(c.prediction()));
    audit.append(c.id().toString(), AuditEventType.TASK_COMPLETED, answer.reviewer(), payload);
  }

  @Override
  public void controlChanged(FlowControl.State before, FlowControl.State after) {
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("flow", after.flow());
    payload.put("killSwitch", Map.of("before", before.killSwitch(), "after", after.killSwitch()));
    payload.put("paused", Map.of("before", before.paused(), "after", after.paused()));
    payload.put("reason", after.reason());
    audit.append(null, AuditEventType.KILL_SWITCH_CHANGED, after.changedBy(), payload);
  }

  private static String requesterOrClient(ReviewCase c) {
    return c.requester() == null ? "api-client" : c.requester();
  }
}

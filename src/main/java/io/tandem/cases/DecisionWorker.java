package io.tandem.cases;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Writes the final decision to the case once, whatever path reached it. A redelivered job finds
 * the case decided and changes nothing (idempotent).
 */
@Component
// public: the Camunda starter invokes job worker methods reflectively
public class DecisionWorker {

  private final CaseRepository cases;
  private final List<CaseEvents> events;
  private final Clock clock;

  DecisionWorker(CaseRepository cases, List<CaseEvents> events, Clock clock) {
    this.cases = cases;
    this.events = events;
    this.clock = clock;
  }

  @JobWorker(type = "tandem.record-decision", fetchVariables = {"caseId", "outcome", "triage"})
  @Transactional
  public void record(@Variable String caseId, @Variable Map<String, Object> outcome,
      @Variable(optional = true) Map<String, Object> triage) {
    UUID id = UUID.fromString(caseId);
    String route = triage == null ? null : (String) triage.get("route");
    String rule = triage == null ? null : (String) triage.get("rule");
    String decidedBy = (String) outcome.get("decidedBy");
    String reason = outcome.get("reason") == null ? null : outcome.get("reason").toString();
    if (cases.decided(id, route, rule, outcome, decidedBy, reason, clock.instant())) {
      ReviewCase decided = cases.find(id).orElseThrow();
      events.forEach(listener -> listener.decided(decided));
    }
  }
}

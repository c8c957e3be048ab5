package io.tandem.workers;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.tandem.audit.AuditEventType;
import io.tandem.audit.AuditLog;
import io.tandem.cases.CaseRepository;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Records which route the triage policy chose and which of its rules fired. */
@Component
// public: the Camunda starter invokes job worker methods reflectively
public class RouteWorker {

  private final CaseRepository cases;
  private final AuditLog audit;
  private final Clock clock;

  RouteWorker(CaseRepository cases, AuditLog audit, Clock clock) {
    this.cases = cases;
    this.audit = audit;
    this.clock = clock;
  }

  @JobWorker(type = "tandem.record-route", fetchVariables = {"caseId", "triage", "killSwitch", "auditDraw", "auditRate"})
  @Transactional
  public void route(@Variable String caseId, @Variable Map<String, Object> triage,
      @Variable(optional = true) Boolean killSwitch) {
    String route = (String) triage.get("route");
    String rule = (String) triage.get("rule");
    if (!cases.routed(UUID.fromString(caseId), route, rule, clock.instant())) {
      return;
    }
    audit.append(caseId, AuditEventType.ROUTED, "triage", Map.of(
        "route", route, "rule", rule,
        "reviewers", triage.getOrDefault("reviewers", 0), "killSwitch", Boolean.TRUE.equals(killSwitch)));
  }
}

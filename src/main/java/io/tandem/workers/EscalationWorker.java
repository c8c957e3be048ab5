package io.tandem.workers;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import io.tandem.audit.AuditEventType;
import io.tandem.audit.AuditLog;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Records why a case went to the experts (ESCALATED): the flow's escalation paths, a missed review
 * SLA and reviewers who did not agree, each pass a "Record the escalation" task whose {@code reason}
 * header says which. Once per job: a job delivered again adds no second event.
 */
@Component
// public: the Camunda starter invokes job worker methods reflectively
public class EscalationWorker {

  private final AuditLog audit;

  EscalationWorker(AuditLog audit) {
    this.audit = audit;
  }

  @JobWorker(type = "tandem.record-escalation", fetchVariables = {"caseId", "tally"})
  public void escalated(ActivatedJob job, @Variable String caseId,
      @Variable(optional = true) Map<String, Object> tally) {
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("reason", job.getCustomHeaders().getOrDefault("reason", "unknown"));
    if (tally != null) {
      payload.put("tally", tally.get("summary"));
    }
    payload.put("jobKey", job.getKey());
    audit.appendOnce(caseId, AuditEventType.ESCALATED, "tandem.record-escalation", payload, "jobKey");
  }
}

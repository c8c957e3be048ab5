package io.tandem.workers;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.response.UserTaskProperties;
import io.tandem.audit.AuditEventType;
import io.tandem.audit.AuditLog;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The task listener of the review tasks (creating and assigning, in the flows' BPMN): records
 * TASK_CREATED and TASK_ASSIGNED in the case's audit trail. Once per listener job: a job that is
 * delivered again finds its event recorded and adds none. It neither corrects nor denies, so the
 * task goes on as the model and the tasklist made it.
 */
@Component
// public: the Camunda starter invokes job worker methods reflectively
public class TaskAuditWorker {

  static final String ACTOR = "tandem.audit-task";

  private final AuditLog audit;

  TaskAuditWorker(AuditLog audit) {
    this.audit = audit;
  }

  @JobWorker(type = "tandem.audit-task", fetchVariables = "caseId")
  public void audit(ActivatedJob job, @Variable(optional = true) String caseId) {
    UserTaskProperties task = job.getUserTask();
    if (caseId == null || task == null || job.getListenerEventType() == null) {
      return; // not a listener of a case's task: nothing to record
    }
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("taskKey", task.getUserTaskKey());
    payload.put("elementId", job.getElementId());
    switch (job.getListenerEventType()) {
      case CREATING -> {
        payload.put("candidateGroups", task.getCandidateGroups());
        payload.put("dueDate", task.getDueDate() == null ? null : task.getDueDate().toInstant().toString());
        payload.put("priority", task.getPriority());
        record(job, caseId, AuditEventType.TASK_CREATED, payload);
      }
      case ASSIGNING -> {
        payload.put("assignee", task.getAssignee());
        payload.put("action", task.getAction());
        record(job, caseId, AuditEventType.TASK_ASSIGNED, payload);
      }
      default -> { } // the flows listen to creating and assigning only
    }
  }

  private void record(ActivatedJob job, String caseId, String eventType, Map<String, Object> payload) {
    payload.put("jobKey", job.getKey());
    audit.appendOnce(caseId, eventType, ACTOR, payload, "jobKey");
  }
}

package io.tandem.review;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.search.enums.UserTaskState;
import io.camunda.client.api.search.response.UserTask;
import io.tandem.cases.CaseRepository;
import io.tandem.cases.ReviewCase;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.stereotype.Service;

/**
 * A group's review queue: open tasks, most urgent first (priority, then due date), each with
 * what a reviewer needs to decide: the masked input and the model's suggestion.
 */
@Service
public class TaskQueue {

  public record QueuedTask(long taskKey, String name, String elementId, int priority,
      OffsetDateTime dueDate, String assignee, List<String> candidateGroups, String caseId,
      String flow, String maskedText, String prediction, Double confidence, String policyRule) {}

  private final CamundaClient camunda;
  private final CaseRepository cases;

  TaskQueue(CamundaClient camunda, CaseRepository cases) {
    this.camunda = camunda;
    this.cases = cases;
  }

  public List<QueuedTask> queue(String group, int limit) {
    List<UserTask> tasks = camunda.newUserTaskSearchRequest()
        .filter(f -> {
          f.state(UserTaskState.CREATED);
          if (group != null) {
            f.candidateGroup(group);
          }
        })
        .sort(s -> s.priority().desc().dueDate().asc())
        .page(p -> p.limit(limit))
        .send().join().items();
    return tasks.stream().map(this::describe).toList();
  }

  private QueuedTask describe(UserTask task) {
    ReviewCase c = cases.findByProcessInstance(task.getProcessInstanceKey()).orElse(null);
    return new QueuedTask(task.getUserTaskKey(), task.getName(), task.getElementId(),
        task.getPriority() == null ? 50 : task.getPriority(), task.getDueDate(), task.getAssignee(),
        task.getCandidateGroups(), c == null ? null : c.id().toString(), c == null ? null : c.flow(),
        c == null ? null : c.maskedText(), c == null ? null : c.prediction(),
        c == null ? null : c.confidence(), c == null ? null : c.policyRule());
  }
}

package io.tandem.review;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.search.response.UserTask;
import io.tandem.cases.CaseRepository;
import io.tandem.cases.ReviewCase;
import io.tandem.flows.FlowProperties;
import io.tandem.review.AnswerRepository.StoredAnswer;
import io.tandem.system.ApiProblems.Conflict;
import io.tandem.system.ApiProblems.InvalidField;
import io.tandem.system.ApiProblems.NotFound;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A reviewer answers a review task: the answer must be one the flow allows, the reviewer must not
 * be the case's requester nor have answered on this case before (four eyes); then the answer is
 * stored and the user task completed with it, or neither happens.
 */
@Service
public class AnswerService {

  public record Answer(String reviewer, String answer, String reason, Map<String, Object> editedArguments) {}

  private final CamundaClient camunda;
  private final CaseRepository cases;
  private final AnswerRepository answers;
  private final FlowProperties flows;
  private final List<ReviewEvents> events;
  private final TransactionTemplate transactions;
  private final ObjectMapper json;
  private final Clock clock;

  AnswerService(CamundaClient camunda, CaseRepository cases, AnswerRepository answers,
      FlowProperties flows, List<ReviewEvents> events, TransactionTemplate transactions,
      ObjectMapper json, Clock clock) {
    this.camunda = camunda;
    this.cases = cases;
    this.answers = answers;
    this.flows = flows;
    this.events = events;
    this.transactions = transactions;
    this.json = json;
    this.clock = clock;
  }

  public void answer(long taskKey, Answer answer) {
    if (answer.reviewer() == null || answer.reviewer().isBlank()) {
      throw new InvalidField("reviewer", "the reviewer must be named");
    }
    UserTask task = findTask(taskKey);
    ReviewCase reviewCase = cases.findByProcessInstance(task.getProcessInstanceKey())
        .orElseThrow(() -> new NotFound("task %d does not belong to a Tandem case".formatted(taskKey)));
    List<String> allowed = flows.flow(reviewCase.flow()).orElseThrow().labels();
    if (answer.answer() == null || !allowed.contains(answer.answer())) {
      throw new InvalidField("answer", "the answer must be one of " + allowed);
    }
    if (answer.reviewer().equals(reviewCase.requester())) {
      throw new Conflict("four eyes: %s requested case %s and cannot review it".formatted(answer.reviewer(), reviewCase.id()));
    }
    if ("edit".equals(answer.answer()) && (answer.editedArguments() == null || answer.editedArguments().isEmpty())) {
      throw new InvalidField("editedArguments", "an edit needs the edited arguments");
    }
    transactions.executeWithoutResult(status -> {
      var stored = new StoredAnswer(reviewCase.id(), taskKey, task.getElementId(), answer.reviewer(),
          answer.answer(), answer.reason(), clock.instant());
      if (!answers.insert(stored, details(answer))) {
        throw new Conflict(answers.hasAnswered(reviewCase.id(), answer.reviewer())
            ? "four eyes: %s already answered on case %s".formatted(answer.reviewer(), reviewCase.id())
            : "task %d was already answered".formatted(taskKey));
      }
      events.forEach(listener -> listener.answered(reviewCase, task, stored));
      Map<String, Object> variables = new LinkedHashMap<>();
      variables.put("answer", answer.answer());
      variables.put("reviewer", answer.reviewer());
      variables.put("reason", answer.reason());
      if (answer.editedArguments() != null) {
        variables.put("editedArguments", answer.editedArguments());
      }
      // completing inside the transaction: if the engine refuses, the answer is not kept either
      camunda.newCompleteUserTaskCommand(taskKey).variables(variables).send().join();
    });
  }

  private UserTask findTask(long taskKey) {
    try {
      return camunda.newUserTaskGetRequest(taskKey).send().join();
    } catch (RuntimeException e) {
      throw new NotFound("no open review task %d: %s".formatted(taskKey, e.getMessage()));
    }
  }

  private String details(Answer answer) {
    try {
      return answer.editedArguments() == null ? null : json.writeValueAsString(Map.of("editedArguments", answer.editedArguments()));
    } catch (JsonProcessingException e) {
      throw new InvalidField("editedArguments", "not valid JSON");
    }
  }
}

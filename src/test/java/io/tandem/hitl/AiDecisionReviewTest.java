package io.tandem.hitl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.search.response.UserTask;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.tandem.workers.TaskAuditWorker;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;

class AiDecisionReviewTest extends HitlTest {

  @Autowired TaskAuditWorker taskAudit;

  static final String SPAM = "WINNER!! You have won a 1000 cash prize. Call 09061701461 now to claim, T&C apply";
  static final String HAM = "Hi Anna, are we still meeting for lunch tomorrow at noon? Let me know";

  @Test
  void shouldReportTheDeployedModelsInHealth() {
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
        assertThat(http.getForObject("/actuator/health", String.class))
            .contains("\"models\":{\"status\":\"UP\"").contains("ai-decision-review.bpmn"));
  }

  @Test
  void shouldAutoAcceptAConfidentLowRiskAnswer() {
    UUID id = submit(Map.of("flow", "spam-review", "payload", Map.of("text", SPAM)));

    Map<String, Object> decided = awaitDecided(id);

    assertThat(decided.get("decidedBy")).isEqualTo("model");
    assertThat(decided.get("route")).isEqualTo("auto-accept");
    assertThat(decided.get("policyRule")).isEqualTo("R8-confident-low-risk");
    assertThat((Map<String, Object>) decided.get("decision")).containsEntry("decision", "spam");
    assertThat(decided.get("modelId")).isEqualTo("tandem-embedded-text");
    assertThat(auditTrail(id)).containsExactly("SUBMITTED", "MASKED", "INFERRED", "ROUTED", "DECIDED");
  }

  @Test
  void shouldSampleConfidentCasesForAudit() {
    UUID id = submit(Map.of("flow", "audited-review", "payload", Map.of("text", SPAM)));

    UserTask task = awaitTasks(id, "single-review", 1).get(0);
    answer(task, "rita", "spam", "agree");

    Map<String, Object> decided = awaitDecided(id);
    assertThat(decided.get("policyRule")).isEqualTo("R7-audit-sample");
    assertThat(decided.get("decidedBy")).isEqualTo("human");
  }

  @Test
  void shouldLetASingleReviewerOverrideTheModel() {
    UUID id = submit(Map.of("flow", "audited-review", "payload", Map.of("text", SPAM)));

    UserTask task = awaitTasks(id, "single-review", 1).get(0);
    assertThat(task.getCandidateGroups()).containsExactly("reviewers");
    claim(task, "rita");
    assertThat(answer(task, "rita", "ham", "a friend's joke").getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);

    Map<String, Object> decided = awaitDecided(id);
    assertThat((Map<String, Object>) decided.get("decision")).containsEntry("decision", "ham")
        .containsEntry("reason", "a friend's joke");
    assertThat(auditTrail(id)).containsExactly("SUBMITTED", "MASKED", "INFERRED", "ROUTED", "TASK_CREATED",
        "TASK_ASSIGNED", "TASK_COMPLETED", "DECIDED");
    Map<String, Object> created = auditPayloads(id, "TASK_CREATED").get(0);
    assertThat(created).containsEntry("taskKey", task.getUserTaskKey()).containsEntry("elementId", "single-review")
        .containsEntry("candidateGroups", List.of("reviewers")).containsEntry("priority", task.getPriority())
        .containsEntry("dueDate", task.getDueDate().toInstant().toString());
    assertThat(auditPayloads(id, "TASK_ASSIGNED").get(0)).containsEntry("taskKey", task.getUserTaskKey())
        .containsEntry("assignee", "rita");
    assertThat(auditChainIntact()).isTrue();
  }

  @Test
  void shouldReachConsensusOnAHighRiskCase() {
    UUID id = submit(Map.of("flow", "spam-review", "payload", Map.of("text", SPAM),
        "metadata", Map.of("riskClass", "high")));

    List<UserTask> tasks = awaitTasks(id, "consensus-review", 3);
    answer(tasks.get(0), "ann", "spam", "obvious");
    answer(tasks.get(1), "bob", "spam", "prize scam");
    answer(tasks.get(2), "cid", "ham", "not sure");

    Map<String, Object> decided = awaitDecided(id);
    assertThat(decided.get("decidedBy")).isEqualTo("consensus");
    assertThat((Map<String, Object>) decided.get("decision")).containsEntry("decision", "spam");
    assertThat(decided.get("policyRule")).isEqualTo("R3-high-risk");
    assertThat((List<Map<String, Object>>) decided.get("answers")).extracting(a -> a.get("reviewer"))
        .containsExactlyInAnyOrder("ann", "bob", "cid");
  }

  @Test
  void shouldEscalateADisagreementToAnExpert() {
    // unanimity required: two of three is not enough
    UUID id = submit(Map.of("flow", "spam-review", "payload", Map.of("text", SPAM),
        "metadata", Map.of("riskClass", "high", "quorum", 3)));
    List<UserTask> tasks = awaitTasks(id, "consensus-review", 3);
    answer(tasks.get(0), "ann", "spam", "scam");
    answer(tasks.get(1), "bob", "spam", "prize");
    answer(tasks.get(2), "cid", "ham", "looks fine");

    UserTask expert = awaitTasks(id, "expert-review", 1).get(0);
    assertThat(expert.getCandidateGroups()).containsExactly("experts");
    answer(expert, "eve", "spam", "classic prize scam");

    Map<String, Object> decided = awaitDecided(id);
    assertThat(decided.get("decidedBy")).isEqualTo("expert");
    assertThat((Map<String, Object>) decided.get("decision")).containsEntry("decision", "spam");
    assertThat(auditTrail(id)).containsSubsequence("TASK_COMPLETED", "ESCALATED", "TASK_CREATED", "TASK_COMPLETED",
        "DECIDED");
    assertThat(auditPayloads(id, "TASK_CREATED")).extracting(p -> p.get("elementId"))
        .containsExactly("consensus-review", "consensus-review", "consensus-review", "expert-review");
    assertThat(auditPayloads(id, "ESCALATED")).singleElement().satisfies(escalated -> assertThat(escalated)
        .containsEntry("reason", "disagreement").containsEntry("tally", "2 of 3 answers say 'spam'; quorum 3 missed"));
    assertThat(auditChainIntact()).isTrue();
  }

  @Test
  void shouldRefuseTheSameReviewerTwiceOnACase() {
    UUID id = submit(Map.of("flow", "spam-review", "payload", Map.of("text", SPAM),
        "metadata", Map.of("riskClass", "high")));
    List<UserTask> tasks = awaitTasks(id, "consensus-review", 3);

    assertThat(answer(tasks.get(0), "ann", "spam", "scam").getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
    var again = answer(tasks.get(1), "ann", "ham", "changed my mind");

    assertThat(again.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    assertThat((String) again.getBody().get("detail")).contains("four eyes");
    assertThat(awaitTasks(id, "consensus-review", 2)).hasSize(2);
  }

  @Test
  void shouldRefuseTheRequesterAsReviewer() {
    UUID id = submit(Map.of("flow", "audited-review", "payload", Map.of("text", SPAM),
        "metadata", Map.of("requester", "rita")));
    UserTask task = awaitTasks(id, "single-review", 1).get(0);

    assertThat(answer(task, "rita", "spam", "mine").getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    assertThat(answer(task, "rob", "spam", "ok").getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
  }

  @Test
  void shouldRouteACriticalCaseToAnExpertAndApplyTheSafeDefaultWhenTheExpertMissesTheSla() {
    UUID id = submit(Map.of("flow", "spam-review", "payload", Map.of("text", HAM),
        "metadata", Map.of("riskClass", "critical")));
    awaitTasks(id, "expert-review", 1);

    advanceClock(Duration.ofHours(9));

    Map<String, Object> decided = awaitDecided(id);
    assertThat(decided.get("decidedBy")).isEqualTo("timeout");
    assertThat((Map<String, Object>) decided.get("decision")).containsEntry("decision", "hold");
  }

  @Test
  void shouldRemindThenEscalateWhenTheReviewSlaIsMissed() {
    UUID id = submit(Map.of("flow", "audited-review", "payload", Map.of("text", SPAM)));
    long instance = processInstanceOf(id);
    awaitTasks(id, "single-review", 1);

    advanceClock(Duration.ofHours(2).plusMinutes(1));
    org.awaitility.Awaitility.await().atMost(WAIT).until(() -> elementCompleted(instance, "send-reminder"));
    assertThat(openTasks(instance, "single-review")).hasSize(1);

    advanceClock(Duration.ofHours(4).plusMinutes(1));
    UserTask expertTask = awaitTasks(id, "expert-review", 1).get(0);
    assertThat(openTasks(instance, "single-review")).isEmpty();
    answer(expertTask, "eve", "spam", "expert says spam");

    Map<String, Object> decided = awaitDecided(id);
    assertThat(decided.get("decidedBy")).isEqualTo("expert");
    assertThat(auditTrail(id)).containsSubsequence("ROUTED", "TASK_CREATED", "ESCALATED", "TASK_CREATED",
        "TASK_COMPLETED", "DECIDED");
    assertThat(auditPayloads(id, "ESCALATED")).singleElement()
        .satisfies(escalated -> assertThat(escalated).containsEntry("reason", "sla-missed"));
    assertThat(auditPayloads(id, "TASK_CREATED")).extracting(p -> p.get("elementId"))
        .containsExactly("single-review", "expert-review");
    assertThat(auditChainIntact()).isTrue();
  }

  @Test
  void shouldSendCasesToPeopleWhenTheModelFails() {
    UUID id = submit(Map.of("flow", "broken-model-review", "payload", Map.of("text", SPAM)));

    UserTask task = awaitTasks(id, "single-review", 1).get(0);
    answer(task, "rita", "spam", "model down, I decide");

    Map<String, Object> decided = awaitDecided(id);
    assertThat(decided.get("policyRule")).isEqualTo("inference-failure");
    assertThat(decided.get("decidedBy")).isEqualTo("human");
  }

  @Test
  void shouldNeverStartASecondInstanceForTheSameIdempotencyKey() {
    Map<String, Object> submission = Map.of("flow", "spam-review", "idempotencyKey", "order-7",
        "payload", Map.of("text", SPAM));
    UUID first = submit(submission);
    UUID second = submit(submission);

    awaitDecided(first);
    assertThat(second).isEqualTo(first);
    assertThat(jdbc.queryForObject("select count(*) from engine_process_instance p"
        + " where p.document -> 'variables' -> p.key::text ->> 'caseId' = ?", Integer.class, first.toString()))
        .isEqualTo(1);
  }

  @Test
  void shouldRouteEveryCaseToPeopleWhileTheKillSwitchIsOn() {
    http.put("/api/flows/spam-review/control", Map.of("killSwitch", true, "changedBy", "ops-olga", "reason", "drift"));
    try {
      UUID id = submit(Map.of("flow", "spam-review", "payload", Map.of("text", SPAM)));
      awaitTasks(id, "single-review", 1);
      assertThat(caseOf(id).get("policyRule")).isEqualTo("R1-kill-switch");
    } finally {
      http.put("/api/flows/spam-review/control", Map.of("killSwitch", false, "changedBy", "ops-olga"));
    }
  }

  @Test
  void shouldRecordATaskEventOnceWhenItsListenerJobIsDeliveredAgain() {
    // given: a listener job of a type no worker polls, so the test delivers it itself, twice
    String caseId = UUID.randomUUID().toString();
    camunda.newDeployResourceCommand().addProcessModel(Bpmn.createExecutableProcess("redelivered").startEvent()
        .userTask("review", t -> t.zeebeUserTask().zeebeCandidateGroups("reviewers")
            .zeebeTaskListener(l -> l.creating().type("test.audit-task")))
        .endEvent().done(), "redelivered.bpmn").send().join();
    camunda.newCreateInstanceCommand().bpmnProcessId("redelivered").latestVersion()
        .variables(Map.of("caseId", caseId)).send().join();
    ActivatedJob job = await().atMost(WAIT).until(() -> camunda.newActivateJobsCommand().jobType("test.audit-task")
        .maxJobsToActivate(1).send().join().getJobs(), jobs -> !jobs.isEmpty()).get(0);

    // when
    taskAudit.audit(job, caseId);
    taskAudit.audit(job, caseId);

    // then
    List<Map<String, Object>> events = http.getForObject("/api/cases/" + caseId + "/audit", List.class);
    assertThat(events).singleElement().satisfies(e -> {
      assertThat(e.get("eventType")).isEqualTo("TASK_CREATED");
      assertThat((Map<String, Object>) e.get("payload")).containsEntry("jobKey", job.getKey())
          .containsEntry("candidateGroups", List.of("reviewers"));
    });
    camunda.newCompleteCommand(job).send().join();
  }

  private boolean elementCompleted(long instance, String elementId) {
    return jdbc.queryForObject("select count(*) from engine_element_instance where process_instance_key = ?"
        + " and element_id = ? and state = 'COMPLETED'", Integer.class, instance, elementId) > 0;
  }
}

package io.tandem.engine.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camunda.client.api.command.ProblemException;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.search.enums.IncidentErrorType;
import io.camunda.client.api.search.enums.UserTaskState;
import io.camunda.client.api.search.response.Incident;
import io.camunda.client.api.search.response.UserTask;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.tandem.engine.EngineTest;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Camunda user tasks (zeebe:userTask) through the Camunda client: creation, commands, ending. */
class UserTaskTest extends EngineTest {

  @Test
  void shouldCreateATaskWithItsAssignmentScheduleAndPriority() {
    // given
    deploy(Bpmn.createExecutableProcess("ut-create").name("Claims").startEvent()
        .userTask("review", t -> t.name("Review claim").zeebeUserTask()
            .zeebeAssignee("anna")
            .zeebeCandidateGroupsExpression("[\"reviewers\", team]")
            .zeebeCandidateUsers("ben, carla")
            .zeebeDueDateExpression("due")
            .zeebeFollowUpDate("2030-01-01T09:00:00+01:00")
            .zeebeTaskPriorityExpression("urgency * 10")
            .zeebeTaskHeader("model", "v2"))
        .endEvent().done());

    // when
    long instance = start("ut-create", Map.of("team", "seniors", "due", "2030-01-02T10:00:00Z", "urgency", 8));

    // then
    UserTask task = taskOf(instance);
    assertThat(task.getState()).isEqualTo(UserTaskState.CREATED);
    assertThat(task.getName()).isEqualTo("Review claim");
    assertThat(task.getElementId()).isEqualTo("review");
    assertThat(task.getAssignee()).isEqualTo("anna");
    assertThat(task.getCandidateGroups()).containsExactly("reviewers", "seniors");
    assertThat(task.getCandidateUsers()).containsExactly("ben", "carla");
    assertThat(task.getDueDate()).isEqualTo(OffsetDateTime.parse("2030-01-02T10:00:00Z"));
    assertThat(task.getFollowUpDate().toInstant()).isEqualTo(Instant.parse("2030-01-01T08:00:00Z"));
    assertThat(task.getPriority()).isEqualTo(80);
    assertThat(task.getCustomHeaders()).containsEntry("model", "v2");
    assertThat(task.getBpmnProcessId()).isEqualTo("ut-create");
    assertThat(task.getProcessInstanceKey()).isEqualTo(instance);
    assertThat(task.getProcessDefinitionVersion()).isEqualTo(1);
    assertThat(task.getTenantId()).isEqualTo("<default>");
    assertThat(task.getCreationDate()).isNotNull();
    assertThat(task.getCompletionDate()).isNull();
    assertThat(task.getElementInstanceKey()).isNotEqualTo(task.getUserTaskKey());
    assertThat(client.newUserTaskGetRequest(task.getUserTaskKey()).send().join().getAssignee()).isEqualTo("anna");
    // a Camunda user task is no job
    assertThat(jdbc.queryForObject("select count(*) from engine_job where process_instance_key = ?",
        Integer.class, instance)).isZero();
    assertThat(trace(instance)).contains("review:ELEMENT_ACTIVATED").doesNotContain("review:ELEMENT_COMPLETED");
  }

  @Test
  void shouldGiveATaskWithoutPriorityThePriority50AndItsElementIdAsName() {
    deploy(Bpmn.createExecutableProcess("ut-default").startEvent()
        .userTask("plain", t -> t.zeebeUserTask()).endEvent().done());

    UserTask task = taskOf(start("ut-default", Map.of()));

    assertThat(task.getPriority()).isEqualTo(50);
    assertThat(task.getName()).isEqualTo("plain");
    assertThat(task.getAssignee()).isNull();
    assertThat(task.getCandidateGroups()).isEmpty();
    assertThat(task.getDueDate()).isNull();
  }

  @Test
  void shouldCompleteATaskAndMergeItsVariablesIntoTheProcess() {
    // given
    deploy(Bpmn.createExecutableProcess("ut-complete").startEvent()
        .userTask("decide", t -> t.zeebeUserTask()).endEvent("end").done());
    long instance = start("ut-complete", Map.of("input", 1));
    UserTask task = taskOf(instance);

    // when
    client.newCompleteUserTaskCommand(task.getUserTaskKey())
        .variables(Map.of("approved", true, "input", 2)).send().join();

    // then
    assertThat(instanceState(instance)).isEqualTo("COMPLETED");
    assertThat(rootVariables(instance)).containsEntry("approved", true).containsEntry("input", 2);
    assertThat(trace(instance)).contains("decide:ELEMENT_COMPLETED", "end:ELEMENT_COMPLETED");
    UserTask completed = client.newUserTaskGetRequest(task.getUserTaskKey()).send().join();
    assertThat(completed.getState()).isEqualTo(UserTaskState.COMPLETED);
    assertThat(completed.getCompletionDate()).isNotNull();
    assertThat(client.newUserTaskSearchRequest()
        .filter(f -> f.processInstanceKey(instance).state(UserTaskState.CREATED)).send().join().items()).isEmpty();
  }

  @Test
  void shouldKeepCompletionVariablesLocalForOutputMappings() {
    deploy(Bpmn.createExecutableProcess("ut-output").startEvent()
        .userTask("decide", t -> t.zeebeUserTask().zeebeOutputExpression("answer", "decision"))
        .endEvent().done());
    long instance = start("ut-output", Map.of());

    client.newCompleteUserTaskCommand(taskOf(instance).getUserTaskKey())
        .variables(Map.of("answer", "yes")).send().join();

    assertThat(rootVariables(instance)).containsEntry("decision", "yes").doesNotContainKey("answer");
  }

  @Test
  void shouldRejectCommandsOnACompletedTaskAsNotFound() {
    // given
    deploy(Bpmn.createExecutableProcess("ut-twice").startEvent()
        .userTask("once", t -> t.zeebeUserTask()).endEvent().done());
    long key = taskOf(start("ut-twice", Map.of())).getUserTaskKey();
    client.newCompleteUserTaskCommand(key).send().join();

    // when / then
    assertThatThrownBy(() -> client.newCompleteUserTaskCommand(key).send().join())
        .isInstanceOf(ProblemException.class).hasMessageContaining("404")
        .hasMessageContaining("Expected to complete user task with key '%d', but no such user task was found", key);
    assertThatThrownBy(() -> client.newAssignUserTaskCommand(key).assignee("x").send().join())
        .isInstanceOf(ProblemException.class).hasMessageContaining("404");
    assertThatThrownBy(() -> client.newUpdateUserTaskCommand(key).priority(10).send().join())
        .isInstanceOf(ProblemException.class).hasMessageContaining("404");
    assertThatThrownBy(() -> client.newUnassignUserTaskCommand(key).send().join())
        .isInstanceOf(ProblemException.class).hasMessageContaining("404");
  }

  @Test
  void shouldRejectCommandsOnAnUnknownTaskAsNotFound() {
    assertThatThrownBy(() -> client.newCompleteUserTaskCommand(42L).send().join())
        .isInstanceOf(ProblemException.class).hasMessageContaining("404");
    assertThatThrownBy(() -> client.newUserTaskGetRequest(42L).send().join())
        .isInstanceOf(ProblemException.class).hasMessageContaining("404")
        .hasMessageContaining("User task with key '42' not found");
  }

  @Test
  void shouldAssignReassignClaimAndUnassign() {
    // given
    deploy(Bpmn.createExecutableProcess("ut-assign").startEvent()
        .userTask("work", t -> t.zeebeUserTask()).endEvent().done());
    long key = taskOf(start("ut-assign", Map.of())).getUserTaskKey();

    // when / then
    client.newAssignUserTaskCommand(key).assignee("anna").send().join();
    assertThat(assignee(key)).isEqualTo("anna");
    client.newAssignUserTaskCommand(key).assignee("ben").send().join(); // overriding by default
    assertThat(assignee(key)).isEqualTo("ben");
    assertThatThrownBy(() -> client.newAssignUserTaskCommand(key).assignee("carla").allowOverride(false).send().join())
        .isInstanceOf(ProblemException.class).hasMessageContaining("409")
        .hasMessageContaining("Expected to claim user task with key '%d', but it has already been assigned", key);
    client.newAssignUserTaskCommand(key).assignee("ben").allowOverride(false).send().join(); // own claim again
    client.newUnassignUserTaskCommand(key).send().join();
    assertThat(assignee(key)).isNull();
    client.newAssignUserTaskCommand(key).assignee("carla").allowOverride(false).send().join();
    assertThat(assignee(key)).isEqualTo("carla");
    assertThatThrownBy(() -> client.newAssignUserTaskCommand(key).assignee("").send().join())
        .isInstanceOf(ProblemException.class).hasMessageContaining("400");
  }

  @Test
  void shouldUpdateDatesCandidatesAndPriority() {
    // given
    deploy(Bpmn.createExecutableProcess("ut-update").startEvent()
        .userTask("work", t -> t.zeebeUserTask().zeebeCandidateGroups("a")).endEvent().done());
    long key = taskOf(start("ut-update", Map.of())).getUserTaskKey();

    // when
    client.newUpdateUserTaskCommand(key).priority(90).dueDate("2031-05-01T12:00:00Z")
        .followUpDate("2031-04-01T12:00:00+02:00").candidateGroups("b", "c").candidateUsers("dora").send().join();

    // then
    UserTask updated = client.newUserTaskGetRequest(key).send().join();
    assertThat(updated.getPriority()).isEqualTo(90);
    assertThat(updated.getDueDate()).isEqualTo(OffsetDateTime.parse("2031-05-01T12:00:00Z"));
    assertThat(updated.getFollowUpDate().toInstant()).isEqualTo(Instant.parse("2031-04-01T10:00:00Z"));
    assertThat(updated.getCandidateGroups()).containsExactly("b", "c");
    assertThat(updated.getCandidateUsers()).containsExactly("dora");

    // and when cleared
    client.newUpdateUserTaskCommand(key).clearDueDate().clearCandidateGroups().send().join();
    UserTask cleared = client.newUserTaskGetRequest(key).send().join();
    assertThat(cleared.getDueDate()).isNull();
    assertThat(cleared.getCandidateGroups()).isEmpty();
    assertThat(cleared.getFollowUpDate()).isNotNull();
    assertThat(cleared.getPriority()).isEqualTo(90);
  }

  @Test
  void shouldRejectInvalidUpdatesWithBadRequest() {
    deploy(Bpmn.createExecutableProcess("ut-update-bad").startEvent()
        .userTask("work", t -> t.zeebeUserTask()).endEvent().done());
    long key = taskOf(start("ut-update-bad", Map.of())).getUserTaskKey();

    assertThatThrownBy(() -> client.newUpdateUserTaskCommand(key).priority(101).send().join())
        .isInstanceOf(ProblemException.class).hasMessageContaining("400").hasMessageContaining("[0,100]");
    assertThatThrownBy(() -> client.newUpdateUserTaskCommand(key).dueDate("next tuesday").send().join())
        .isInstanceOf(ProblemException.class).hasMessageContaining("400").hasMessageContaining("next tuesday");
    assertThatThrownBy(() -> client.newUpdateUserTaskCommand(key).send().join())
        .isInstanceOf(ProblemException.class).hasMessageContaining("400").hasMessageContaining("No update data");
    Rest.Response unknown = Rest.patch(client, "/user-tasks/" + key, "{\"changeset\": {\"owner\": \"x\"}}");
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.contentType()).contains("application/problem+json");
    assertThat(client.newUserTaskGetRequest(key).send().join().getPriority()).isEqualTo(50);
  }

  @Test
  void shouldCancelTheTaskWhenAnInterruptingTimerFires() {
    // given
    deploy(Bpmn.createExecutableProcess("ut-timer").startEvent()
        .userTask("review", t -> t.zeebeUserTask())
        .boundaryEvent("sla", b -> b.timerWithDuration("PT1H")).endEvent("escalated")
        .moveToActivity("review").endEvent("reviewed").done());
    long instance = start("ut-timer", Map.of());
    long key = taskOf(instance).getUserTaskKey();

    try {
      // when
      client.newPinClockCommand().time(Instant.now().plus(Duration.ofHours(2))).send().join();

      // then
      UserTask task = client.newUserTaskGetRequest(key).send().join();
      assertThat(task.getState()).isEqualTo(UserTaskState.CANCELED);
      assertThat(task.getCompletionDate()).isNotNull();
      assertThat(instanceState(instance)).isEqualTo("COMPLETED");
      assertThat(trace(instance)).contains("review:ELEMENT_TERMINATED", "escalated:ELEMENT_COMPLETED");
      assertThatThrownBy(() -> client.newCompleteUserTaskCommand(key).send().join())
          .isInstanceOf(ProblemException.class).hasMessageContaining("404");
    } finally {
      client.newResetClockCommand().send().join();
    }
  }

  @Test
  void shouldKeepTheTaskWhenANonInterruptingTimerFires() {
    deploy(Bpmn.createExecutableProcess("ut-reminder").startEvent()
        .userTask("review", t -> t.zeebeUserTask())
        .boundaryEvent("remind", b -> b.cancelActivity(false).timerWithDuration("PT1H")).endEvent("reminded")
        .moveToActivity("review").endEvent("reviewed").done());
    long instance = start("ut-reminder", Map.of());
    long key = taskOf(instance).getUserTaskKey();

    try {
      client.newPinClockCommand().time(Instant.now().plus(Duration.ofHours(2))).send().join();

      assertThat(trace(instance)).contains("reminded:ELEMENT_COMPLETED");
      assertThat(client.newUserTaskGetRequest(key).send().join().getState()).isEqualTo(UserTaskState.CREATED);
      client.newCompleteUserTaskCommand(key).send().join();
      assertThat(instanceState(instance)).isEqualTo("COMPLETED");
    } finally {
      client.newResetClockCommand().send().join();
    }
  }

  @Test
  void shouldCancelTheTaskWhenAMessageInterruptsIt() {
    deploy(Bpmn.createExecutableProcess("ut-message").startEvent()
        .userTask("review", t -> t.zeebeUserTask())
        .boundaryEvent("withdrawn", b -> b.message(m -> m.name("withdraw").zeebeCorrelationKeyExpression("caseId")))
        .endEvent("closed")
        .moveToActivity("review").endEvent("reviewed").done());
    long instance = start("ut-message", Map.of("caseId", "case-7"));
    long key = taskOf(instance).getUserTaskKey();

    client.newPublishMessageCommand().messageName("withdraw").correlationKey("case-7").send().join();

    assertThat(client.newUserTaskGetRequest(key).send().join().getState()).isEqualTo(UserTaskState.CANCELED);
    assertThat(trace(instance)).contains("closed:ELEMENT_COMPLETED");
  }

  @Test
  void shouldCancelTheTaskWhenAnErrorIsCaughtAroundIt() {
    // given: a subprocess where a check runs beside the review; the check's error ends the subprocess
    deploy(Bpmn.createExecutableProcess("ut-error").startEvent()
        .subProcess("case", s -> s.embeddedSubProcess().startEvent().parallelGateway("fork")
            .userTask("review", t -> t.zeebeUserTask()).endEvent("reviewed")
            .moveToNode("fork").serviceTask("check", t -> t.zeebeJobType("ut-check")).endEvent("checked"))
        .boundaryEvent("rejected", b -> b.error("REJECTED")).endEvent("rejectedEnd")
        .moveToActivity("case").endEvent("done").done());
    long instance = start("ut-error", Map.of());
    long key = taskOf(instance).getUserTaskKey();
    List<ActivatedJob> jobs = client.newActivateJobsCommand().jobType("ut-check").maxJobsToActivate(1)
        .send().join().getJobs();

    // when
    client.newThrowErrorCommand(jobs.get(0).getKey()).errorCode("REJECTED").send().join();

    // then
    assertThat(client.newUserTaskGetRequest(key).send().join().getState()).isEqualTo(UserTaskState.CANCELED);
    assertThat(trace(instance)).contains("review:ELEMENT_TERMINATED", "rejectedEnd:ELEMENT_COMPLETED");
    assertThat(instanceState(instance)).isEqualTo("COMPLETED");
  }

  @Test
  void shouldCancelTheTaskWhenTheInstanceIsCanceled() {
    deploy(Bpmn.createExecutableProcess("ut-cancel").startEvent()
        .userTask("review", t -> t.zeebeUserTask()).endEvent().done());
    long instance = start("ut-cancel", Map.of());
    long key = taskOf(instance).getUserTaskKey();

    client.newCancelInstanceCommand(instance).send().join();

    assertThat(client.newUserTaskGetRequest(key).send().join().getState()).isEqualTo(UserTaskState.CANCELED);
  }

  @Test
  void shouldCreateOneTaskPerReviewerOfAMultiInstance() {
    // given
    deploy(Bpmn.createExecutableProcess("ut-consensus").startEvent()
        .userTask("vote", t -> t.zeebeUserTask().zeebeAssigneeExpression("reviewer")
            .multiInstance(m -> m.parallel().zeebeInputCollectionExpression("reviewers")
                .zeebeInputElement("reviewer").zeebeOutputCollection("votes").zeebeOutputElementExpression("vote")))
        .endEvent().done());
    long instance = start("ut-consensus", Map.of("reviewers", List.of("anna", "ben", "carla")));

    // when
    List<UserTask> tasks = client.newUserTaskSearchRequest().filter(f -> f.processInstanceKey(instance))
        .send().join().items();
    for (UserTask task : tasks) {
      client.newCompleteUserTaskCommand(task.getUserTaskKey())
          .variables(Map.of("vote", task.getAssignee().equals("ben") ? "no" : "yes")).send().join();
    }

    // then
    assertThat(tasks).extracting(UserTask::getAssignee).containsExactlyInAnyOrder("anna", "ben", "carla");
    assertThat(instanceState(instance)).isEqualTo("COMPLETED");
    assertThat(rootVariables(instance)).containsEntry("votes", List.of("yes", "no", "yes"));
  }

  @Test
  void shouldRaiseAnIncidentWhenAnAttributeCannotBeEvaluatedAndRetryOnResolution() {
    // given
    deploy(Bpmn.createExecutableProcess("ut-incident").startEvent()
        .userTask("review", t -> t.zeebeUserTask().zeebeTaskPriorityExpression("prio").zeebeDueDateExpression("due"))
        .endEvent().done());
    long instance = start("ut-incident", Map.of("prio", 200, "due", "2030-01-01T00:00:00Z"));

    // then
    List<Incident> incidents = client.newIncidentSearchRequest().filter(f -> f.processInstanceKey(instance))
        .send().join().items();
    assertThat(incidents).hasSize(1);
    assertThat(incidents.get(0).getErrorType()).isEqualTo(IncidentErrorType.EXTRACT_VALUE_ERROR);
    assertThat(incidents.get(0).getErrorMessage()).contains("priority").contains("200");
    assertThat(client.newUserTaskSearchRequest().filter(f -> f.processInstanceKey(instance)).send().join().items())
        .isEmpty();

    // when
    client.newSetVariablesCommand(instance).variables(Map.of("prio", 70)).send().join();
    client.newResolveIncidentCommand(incidents.get(0).getIncidentKey()).send().join();

    // then
    assertThat(taskOf(instance).getPriority()).isEqualTo(70);
  }

  @Test
  void shouldRaiseAnIncidentForADueDateThatIsNoDate() {
    deploy(Bpmn.createExecutableProcess("ut-bad-date").startEvent()
        .userTask("review", t -> t.zeebeUserTask().zeebeDueDateExpression("\"next tuesday\""))
        .endEvent().done());
    long instance = start("ut-bad-date", Map.of());

    Incident incident = client.newIncidentSearchRequest().filter(f -> f.processInstanceKey(instance))
        .send().join().items().get(0);
    assertThat(incident.getErrorType()).isEqualTo(IncidentErrorType.EXTRACT_VALUE_ERROR);
    assertThat(incident.getErrorMessage()).contains("next tuesday");
  }

  @Test
  void shouldKeepJobWorkerUserTasksAsJobs() {
    deploy(Bpmn.createExecutableProcess("ut-job").startEvent().userTask("legacy").endEvent().done());
    long instance = start("ut-job", Map.of());

    List<ActivatedJob> jobs = client.newActivateJobsCommand().jobType("io.camunda.zeebe:userTask")
        .maxJobsToActivate(10).send().join().getJobs();

    assertThat(jobs).extracting(ActivatedJob::getProcessInstanceKey).contains(instance);
    assertThat(client.newUserTaskSearchRequest().filter(f -> f.processInstanceKey(instance)).send().join().items())
        .isEmpty();
    jobs.stream().filter(j -> j.getProcessInstanceKey() == instance)
        .forEach(j -> client.newCompleteCommand(j).send().join());
    assertThat(instanceState(instance)).isEqualTo("COMPLETED");
  }

  private UserTask taskOf(long processInstanceKey) {
    List<UserTask> tasks = client.newUserTaskSearchRequest().filter(f -> f.processInstanceKey(processInstanceKey))
        .send().join().items();
    assertThat(tasks).hasSize(1);
    return tasks.get(0);
  }

  private String assignee(long userTaskKey) {
    return client.newUserTaskGetRequest(userTaskKey).send().join().getAssignee();
  }
}

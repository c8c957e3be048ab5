package io.tandem.engine.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.camunda.client.api.CamundaFuture;
import io.camunda.client.api.command.ProblemException;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.search.enums.IncidentErrorType;
import io.camunda.client.api.search.enums.JobKind;
import io.camunda.client.api.search.enums.ListenerEventType;
import io.camunda.client.api.search.enums.UserTaskState;
import io.camunda.client.api.search.response.Incident;
import io.camunda.client.api.search.response.UserTask;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.model.bpmn.builder.UserTaskBuilder;
import io.tandem.engine.EngineTest;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Camunda 8.8 user task listeners through the Camunda client: each lifecycle transition of a task
 * with listeners of its event waits in an intermediate state while they run one after the other as
 * TASK_LISTENER jobs, which may correct the task or deny the transition.
 */
class TaskListenerTest extends EngineTest {

  @Test
  void shouldRunCreatingListenersOneAfterTheOtherBeforeTheTaskIsCreated() {
    // given
    deploy(process("tl-create", t -> t.name("Review claim")
        .zeebeCandidateGroups("reviewers").zeebeDueDate("2031-01-02T10:00:00Z").zeebeTaskPriority("70")
        .zeebeTaskHeader("model", "v2")
        .zeebeTaskListener(l -> l.creating().type("tl-create-first"))
        .zeebeTaskListener(l -> l.creating().type("tl-create-second"))));

    // when
    long instance = start("tl-create", Map.of("claim", "C-7"));

    // then: the task is creating, and only the first listener's job is there
    UserTask creating = taskOf(instance);
    assertThat(creating.getState()).isEqualTo(UserTaskState.CREATING);
    assertThat(tasksIn(instance, UserTaskState.CREATED)).isEmpty();
    assertThat(activate("tl-create-second", 1)).isEmpty();
    ActivatedJob first = single("tl-create-first");
    assertThat(first.getKind()).isEqualTo(JobKind.TASK_LISTENER);
    assertThat(first.getListenerEventType()).isEqualTo(ListenerEventType.CREATING);
    assertThat(first.getElementId()).isEqualTo("review");
    assertThat(first.getVariablesAsMap()).containsEntry("claim", "C-7");
    assertThat(first.getCustomHeaders()).containsEntry("model", "v2")
        .containsEntry("io.camunda.zeebe:userTaskKey", Long.toString(creating.getUserTaskKey()));
    assertThat(first.getUserTask().getUserTaskKey()).isEqualTo(creating.getUserTaskKey());
    assertThat(first.getUserTask().getCandidateGroups()).containsExactly("reviewers");
    assertThat(first.getUserTask().getPriority()).isEqualTo(70);
    assertThat(first.getUserTask().getDueDate()).isEqualTo(OffsetDateTime.parse("2031-01-02T10:00:00Z"));
    assertThat(first.getUserTask().getAssignee()).isNull();

    // when the listeners complete, in order
    client.newCompleteCommand(first).send().join();
    assertThat(taskOf(instance).getState()).isEqualTo(UserTaskState.CREATING);
    client.newCompleteCommand(single("tl-create-second")).send().join();

    // then
    UserTask created = taskOf(instance);
    assertThat(created.getState()).isEqualTo(UserTaskState.CREATED);
    assertThat(created.getCandidateGroups()).containsExactly("reviewers");
    assertThat(userTaskRecords(created.getUserTaskKey())).containsExactly("CREATING", "CREATED");
    client.newCompleteUserTaskCommand(created.getUserTaskKey()).send().join();
    assertThat(instanceState(instance)).isEqualTo("COMPLETED");
  }

  @Test
  void shouldApplyTheCorrectionsOfListenersAndShowThemToTheNextOne() {
    // given
    deploy(process("tl-correct", t -> t.zeebeCandidateGroups("reviewers").zeebeFollowUpDate("2031-01-01T08:00:00Z")
        .zeebeTaskListener(l -> l.creating().type("tl-correct-first"))
        .zeebeTaskListener(l -> l.creating().type("tl-correct-second"))));
    long instance = start("tl-correct", Map.of());

    // when
    client.newCompleteCommand(single("tl-correct-first")).withResult(r -> r.forUserTask()
        .correctPriority(90).correctCandidateGroups(List.of("experts")).correctDueDate("2031-03-01T12:00:00+01:00")
        .correctFollowUpDate("").correctAssignee("erin")).send().join();

    // then the second listener sees the corrected task
    ActivatedJob second = single("tl-correct-second");
    assertThat(second.getUserTask().getPriority()).isEqualTo(90);
    assertThat(second.getUserTask().getCandidateGroups()).containsExactly("experts");
    assertThat(second.getUserTask().getAssignee()).isEqualTo("erin");
    assertThat(second.getUserTask().getFollowUpDate()).isNull();
    assertThat(second.getUserTask().getChangedAttributes())
        .containsExactly("assignee", "candidateGroupsList", "dueDate", "followUpDate", "priority");

    // and when it is done, the task has them
    client.newCompleteCommand(second).send().join();
    UserTask task = taskOf(instance);
    assertThat(task.getState()).isEqualTo(UserTaskState.CREATED);
    assertThat(task.getPriority()).isEqualTo(90);
    assertThat(task.getCandidateGroups()).containsExactly("experts");
    assertThat(task.getDueDate().toInstant()).isEqualTo(Instant.parse("2031-03-01T11:00:00Z"));
    assertThat(task.getFollowUpDate()).isNull();
    assertThat(task.getAssignee()).isEqualTo("erin");
  }

  @Test
  void shouldAnswerAnAssignmentWhenItsListenersAreDone() {
    // given
    deploy(process("tl-assign", t -> t.zeebeTaskListener(l -> l.assigning().type("tl-assign"))));
    long instance = start("tl-assign", Map.of());
    long key = taskOf(instance).getUserTaskKey();

    // when
    CamundaFuture<?> assignment = client.newAssignUserTaskCommand(key).assignee("anna").action("pick").send();

    // then the task waits, assigning, and takes no other command
    ActivatedJob job = single("tl-assign");
    assertThat(job.getListenerEventType()).isEqualTo(ListenerEventType.ASSIGNING);
    assertThat(job.getUserTask().getAssignee()).isEqualTo("anna");
    assertThat(job.getUserTask().getAction()).isEqualTo("pick");
    assertThat(job.getUserTask().getChangedAttributes()).containsExactly("assignee");
    UserTask assigning = client.newUserTaskGetRequest(key).send().join();
    assertThat(assigning.getState()).isEqualTo(UserTaskState.ASSIGNING);
    assertThat(assigning.getAssignee()).isNull();
    assertThat(tasksIn(instance, UserTaskState.ASSIGNING)).hasSize(1);
    assertThat(assignment.isDone()).isFalse();
    assertThatThrownBy(() -> client.newCompleteUserTaskCommand(key).send().join())
        .isInstanceOf(ProblemException.class).hasMessageContaining("409")
        .hasMessageContaining("Expected to complete user task with key '%d', but it is in state 'ASSIGNING'", key);

    // when
    client.newCompleteCommand(job).send().join();

    // then
    assignment.join();
    UserTask assigned = client.newUserTaskGetRequest(key).send().join();
    assertThat(assigned.getState()).isEqualTo(UserTaskState.CREATED);
    assertThat(assigned.getAssignee()).isEqualTo("anna");
  }

  @Test
  void shouldAssignTheModelsAssigneeThroughAssigningListenersAfterCreation() {
    // given: the deprecated name of the event type
    deploy(process("tl-model-assignee", t -> t.zeebeAssignee("anna")
        .zeebeTaskListener(l -> l.assignment().type("tl-model-assignee"))));

    // when
    long instance = start("tl-model-assignee", Map.of());

    // then
    assertThat(taskOf(instance).getState()).isEqualTo(UserTaskState.ASSIGNING);
    ActivatedJob job = single("tl-model-assignee");
    assertThat(job.getUserTask().getAssignee()).isEqualTo("anna");
    client.newCompleteCommand(job).send().join();
    assertThat(taskOf(instance).getAssignee()).isEqualTo("anna");
    assertThat(taskOf(instance).getState()).isEqualTo(UserTaskState.CREATED);
  }

  @Test
  void shouldKeepTheAssigneeWhenAListenerDeniesTheAssignment() {
    // given
    deploy(process("tl-deny-assign", t -> t.zeebeAssignee("anna")
        .zeebeTaskListener(l -> l.assigning().type("tl-deny-assign"))));
    long instance = start("tl-deny-assign", Map.of());
    client.newCompleteCommand(single("tl-deny-assign")).send().join();
    long key = taskOf(instance).getUserTaskKey();

    // when
    CamundaFuture<?> reassignment = client.newAssignUserTaskCommand(key).assignee("ben").send();
    client.newCompleteCommand(single("tl-deny-assign"))
        .withResult(r -> r.forUserTask().deny(true, "ben is on leave")).send().join();

    // then
    assertThatThrownBy(reassignment::join).isInstanceOf(ProblemException.class)
        .hasMessageContaining("409").hasMessageContaining("ben is on leave");
    UserTask task = client.newUserTaskGetRequest(key).send().join();
    assertThat(task.getAssignee()).isEqualTo("anna");
    assertThat(task.getState()).isEqualTo(UserTaskState.CREATED);
    assertThat(userTaskRecords(key)).endsWith("ASSIGNING", "ASSIGNMENT_DENIED");
  }

  @Test
  void shouldKeepTheTaskCreatedWhenAListenerDeniesTheCompletion() {
    // given
    deploy(process("tl-deny-complete", t -> t.zeebeTaskListener(l -> l.completing().type("tl-deny-complete"))));
    long instance = start("tl-deny-complete", Map.of());
    long key = taskOf(instance).getUserTaskKey();

    // when
    CamundaFuture<?> completion = client.newCompleteUserTaskCommand(key).variables(Map.of("answer", "no")).send();
    ActivatedJob job = single("tl-deny-complete");
    assertThat(client.newUserTaskGetRequest(key).send().join().getState()).isEqualTo(UserTaskState.COMPLETING);
    client.newCompleteCommand(job).withResult(r -> r.forUserTask().deny(true, "an answer needs a reason")).send().join();

    // then
    assertThatThrownBy(completion::join).isInstanceOf(ProblemException.class)
        .hasMessageContaining("409").hasMessageContaining("an answer needs a reason");
    assertThat(client.newUserTaskGetRequest(key).send().join().getState()).isEqualTo(UserTaskState.CREATED);
    assertThat(instanceState(instance)).isEqualTo("ACTIVE");
    assertThat(rootVariables(instance)).doesNotContainKey("answer");

    // and when completed again, and accepted
    CamundaFuture<?> again = client.newCompleteUserTaskCommand(key)
        .variables(Map.of("answer", "no", "reason", "duplicate")).send();
    client.newCompleteCommand(single("tl-deny-complete")).send().join();
    again.join();
    assertThat(instanceState(instance)).isEqualTo("COMPLETED");
    assertThat(rootVariables(instance)).containsEntry("answer", "no").containsEntry("reason", "duplicate");
  }

  @Test
  void shouldUpdateWithTheCorrectionsOfUpdatingListeners() {
    // given
    deploy(process("tl-update", t -> t.zeebeCandidateGroups("a")
        .zeebeTaskListener(l -> l.updating().type("tl-update"))));
    long instance = start("tl-update", Map.of());
    long key = taskOf(instance).getUserTaskKey();

    // when
    CamundaFuture<?> update = client.newUpdateUserTaskCommand(key).candidateGroups("b").send();
    ActivatedJob job = single("tl-update");
    assertThat(job.getUserTask().getChangedAttributes()).containsExactly("candidateGroupsList");
    assertThat(client.newUserTaskGetRequest(key).send().join().getState()).isEqualTo(UserTaskState.UPDATING);
    client.newCompleteCommand(job).withResult(r -> r.forUserTask().correctPriority(10)).send().join();

    // then
    update.join();
    UserTask updated = client.newUserTaskGetRequest(key).send().join();
    assertThat(updated.getCandidateGroups()).containsExactly("b");
    assertThat(updated.getPriority()).isEqualTo(10);

    // and a denied update changes nothing
    CamundaFuture<?> denied = client.newUpdateUserTaskCommand(key).priority(99).send();
    client.newCompleteCommand(single("tl-update")).withResult(r -> r.forUserTask().deny(true)).send().join();
    assertThatThrownBy(denied::join).isInstanceOf(ProblemException.class).hasMessageContaining("409");
    assertThat(client.newUserTaskGetRequest(key).send().join().getPriority()).isEqualTo(10);
  }

  @Test
  void shouldRaiseAnIncidentWhenAListenersJobHasNoRetriesLeftAndRetryThatListenerOnResolution() {
    // given
    deploy(process("tl-incident", t -> t
        .zeebeTaskListener(l -> l.creating().type("tl-incident-first"))
        .zeebeTaskListener(l -> l.creating().type("tl-incident-second").retries("1"))));
    long instance = start("tl-incident", Map.of());
    client.newCompleteCommand(single("tl-incident-first")).send().join();

    // when
    ActivatedJob failing = single("tl-incident-second");
    client.newFailCommand(failing).retries(0).errorMessage("audit store down").send().join();

    // then
    Incident incident = client.newIncidentSearchRequest().filter(f -> f.processInstanceKey(instance))
        .send().join().items().get(0);
    assertThat(incident.getErrorType()).isEqualTo(IncidentErrorType.TASK_LISTENER_NO_RETRIES);
    assertThat(incident.getErrorMessage()).isEqualTo("audit store down");
    assertThat(incident.getJobKey()).isEqualTo(failing.getKey());
    assertThat(taskOf(instance).getState()).isEqualTo(UserTaskState.CREATING);

    // when
    client.newUpdateRetriesCommand(failing.getKey()).retries(1).send().join();
    client.newResolveIncidentCommand(incident.getIncidentKey()).send().join();

    // then only the failed listener runs again
    assertThat(activate("tl-incident-first", 1)).isEmpty();
    ActivatedJob retried = single("tl-incident-second");
    assertThat(retried.getKey()).isEqualTo(failing.getKey());
    client.newCompleteCommand(retried).send().join();
    assertThat(taskOf(instance).getState()).isEqualTo(UserTaskState.CREATED);
  }

  @Test
  void shouldRaiseAnIncidentWhenAListenersTypeCannotBeEvaluatedAndStartOverOnResolution() {
    // given
    deploy(process("tl-type", t -> t.zeebeTaskListener(l -> l.creating().typeExpression("listenerType"))));

    // when
    long instance = start("tl-type", Map.of());

    // then
    List<Incident> incidents = client.newIncidentSearchRequest().filter(f -> f.processInstanceKey(instance))
        .send().join().items();
    assertThat(incidents).singleElement().satisfies(i -> {
      assertThat(i.getErrorType()).isEqualTo(IncidentErrorType.EXTRACT_VALUE_ERROR);
      assertThat(i.getJobKey()).isNull();
    });
    assertThat(taskOf(instance).getState()).isEqualTo(UserTaskState.CREATING);

    // when
    client.newSetVariablesCommand(instance).variables(Map.of("listenerType", "tl-type-late")).send().join();
    client.newResolveIncidentCommand(incidents.get(0).getIncidentKey()).send().join();

    // then
    client.newCompleteCommand(single("tl-type-late")).send().join();
    assertThat(taskOf(instance).getState()).isEqualTo(UserTaskState.CREATED);
  }

  @Test
  void shouldRunCancelingListenersBeforeACanceledInstanceEnds() {
    // given
    deploy(process("tl-cancel", t -> t.zeebeTaskListener(l -> l.canceling().type("tl-cancel"))));
    long instance = start("tl-cancel", Map.of());
    long key = taskOf(instance).getUserTaskKey();

    // when
    client.newCancelInstanceCommand(instance).send().join();

    // then
    assertThat(client.newUserTaskGetRequest(key).send().join().getState()).isEqualTo(UserTaskState.CANCELING);
    assertThat(instanceState(instance)).isEqualTo("ACTIVE");
    ActivatedJob job = single("tl-cancel");
    assertThat(job.getListenerEventType()).isEqualTo(ListenerEventType.CANCELING);

    // when
    client.newCompleteCommand(job).send().join();

    // then
    assertThat(client.newUserTaskGetRequest(key).send().join().getState()).isEqualTo(UserTaskState.CANCELED);
    assertThat(instanceState(instance)).isEqualTo("TERMINATED");
    assertThat(trace(instance)).endsWith("review:ELEMENT_TERMINATED", "tl-cancel:ELEMENT_TERMINATED");
  }

  @Test
  void shouldTakeAnInterruptingBoundaryEventOnlyOnceTheCancelingListenersAreDone() {
    // given
    deploy(Bpmn.createExecutableProcess("tl-timer").startEvent()
        .userTask("review", t -> t.zeebeUserTask().zeebeTaskListener(l -> l.canceling().type("tl-timer")))
        .boundaryEvent("sla", b -> b.timerWithDuration("PT1H")).endEvent("escalated")
        .moveToActivity("review").endEvent("reviewed").done());
    long instance = start("tl-timer", Map.of());
    long key = taskOf(instance).getUserTaskKey();

    try {
      // when
      client.newPinClockCommand().time(Instant.now().plus(Duration.ofHours(2))).send().join();

      // then
      assertThat(client.newUserTaskGetRequest(key).send().join().getState()).isEqualTo(UserTaskState.CANCELING);
      assertThat(trace(instance)).doesNotContain("review:ELEMENT_TERMINATED", "escalated:ELEMENT_COMPLETED");

      // when
      client.newCompleteCommand(single("tl-timer")).send().join();

      // then
      assertThat(trace(instance)).containsSubsequence("review:ELEMENT_TERMINATED", "escalated:ELEMENT_COMPLETED");
      assertThat(instanceState(instance)).isEqualTo("COMPLETED");
    } finally {
      client.newResetClockCommand().send().join();
    }
  }

  @Test
  void shouldLeaveASubprocessForItsErrorBoundaryOnlyOnceTheCancelingListenersInsideAreDone() {
    // given: a review beside a check; the check's error ends the subprocess
    deploy(Bpmn.createExecutableProcess("tl-error").startEvent()
        .subProcess("case", s -> s.embeddedSubProcess().startEvent().parallelGateway("fork")
            .userTask("review", t -> t.zeebeUserTask().zeebeTaskListener(l -> l.canceling().type("tl-error")))
            .endEvent("reviewed")
            .moveToNode("fork").serviceTask("check", t -> t.zeebeJobType("tl-error-check")).endEvent("checked"))
        .boundaryEvent("rejected", b -> b.error("REJECTED")).endEvent("rejectedEnd")
        .moveToActivity("case").endEvent("done").done());
    long instance = start("tl-error", Map.of());

    // when
    client.newThrowErrorCommand(single("tl-error-check")).errorCode("REJECTED").send().join();

    // then the subprocess waits for the review's canceling listener
    assertThat(taskOf(instance).getState()).isEqualTo(UserTaskState.CANCELING);
    assertThat(trace(instance)).doesNotContain("case:ELEMENT_TERMINATED", "rejectedEnd:ELEMENT_COMPLETED");

    // when
    client.newCompleteCommand(single("tl-error")).send().join();

    // then
    assertThat(trace(instance)).containsSubsequence("review:ELEMENT_TERMINATED", "case:ELEMENT_TERMINATED",
        "rejectedEnd:ELEMENT_COMPLETED");
    assertThat(instanceState(instance)).isEqualTo("COMPLETED");
  }

  @Test
  void shouldCompleteAMultiInstanceWhoseConditionHoldsOnceTheCancelingListenersOfTheOthersAreDone() {
    // given: two of three votes are enough
    deploy(Bpmn.createExecutableProcess("tl-quorum").startEvent()
        .userTask("vote", t -> t.zeebeUserTask().zeebeTaskListener(l -> l.canceling().type("tl-quorum"))
            .multiInstance(mi -> mi.parallel().zeebeInputCollectionExpression("voters")
                .completionCondition("= numberOfCompletedInstances >= 2")))
        .endEvent("counted").done());
    long instance = start("tl-quorum", Map.of("voters", List.of("a", "b", "c")));
    List<UserTask> votes = client.newUserTaskSearchRequest().filter(f -> f.processInstanceKey(instance))
        .send().join().items();

    // when
    client.newCompleteUserTaskCommand(votes.get(0).getUserTaskKey()).send().join();
    client.newCompleteUserTaskCommand(votes.get(1).getUserTaskKey()).send().join();

    // then the third is canceling, and the vote not yet over
    assertThat(tasksIn(instance, UserTaskState.CANCELING)).hasSize(1);
    assertThat(trace(instance)).doesNotContain("counted:ELEMENT_COMPLETED");

    // when
    client.newCompleteCommand(single("tl-quorum")).send().join();

    // then
    assertThat(trace(instance)).contains("counted:ELEMENT_COMPLETED");
    assertThat(instanceState(instance)).isEqualTo("COMPLETED");
  }

  @Test
  void shouldKeepACanceledInstanceWaitingWhileItsCancelingListenerHasAnIncident() {
    // given
    deploy(process("tl-cancel-incident", t -> t
        .zeebeTaskListener(l -> l.canceling().type("tl-cancel-incident").retries("1"))));
    long instance = start("tl-cancel-incident", Map.of());
    client.newCancelInstanceCommand(instance).send().join();

    // when
    ActivatedJob job = single("tl-cancel-incident");
    client.newFailCommand(job).retries(0).send().join();

    // then
    Incident incident = client.newIncidentSearchRequest().filter(f -> f.processInstanceKey(instance))
        .send().join().items().get(0);
    assertThat(incident.getErrorType()).isEqualTo(IncidentErrorType.TASK_LISTENER_NO_RETRIES);
    assertThat(instanceState(instance)).isEqualTo("ACTIVE");

    // when
    client.newUpdateRetriesCommand(job.getKey()).retries(1).send().join();
    client.newResolveIncidentCommand(incident.getIncidentKey()).send().join();
    client.newCompleteCommand(single("tl-cancel-incident")).send().join();

    // then
    assertThat(instanceState(instance)).isEqualTo("TERMINATED");
    assertThat(taskOf(instance).getState()).isEqualTo(UserTaskState.CANCELED);
  }

  @Test
  void shouldRefuseAPendingAssignmentWhenTheTaskIsCanceledMeanwhile() {
    // given
    deploy(process("tl-interrupted", t -> t.zeebeTaskListener(l -> l.assigning().type("tl-interrupted"))));
    long instance = start("tl-interrupted", Map.of());
    long key = taskOf(instance).getUserTaskKey();
    CamundaFuture<?> assignment = client.newAssignUserTaskCommand(key).assignee("anna").send();
    ActivatedJob job = single("tl-interrupted");

    // when
    client.newCancelInstanceCommand(instance).send().join();

    // then
    assertThatThrownBy(assignment::join).isInstanceOf(ProblemException.class)
        .hasMessageContaining("409").hasMessageContaining("canceled");
    assertThat(client.newUserTaskGetRequest(key).send().join().getState()).isEqualTo(UserTaskState.CANCELED);
    assertThatThrownBy(() -> client.newCompleteCommand(job).send().join())
        .isInstanceOf(ProblemException.class).hasMessageContaining("404");
  }

  @Test
  void shouldRejectWhatAListenerCannotAnswer() {
    // given
    deploy(process("tl-reject", t -> t.zeebeAssignee("anna")
        .zeebeTaskListener(l -> l.creating().type("tl-reject"))));
    long instance = start("tl-reject", Map.of());
    ActivatedJob job = single("tl-reject");

    // then
    assertThatThrownBy(() -> client.newCompleteCommand(job).variables(Map.of("x", 1)).send().join())
        .isInstanceOf(ProblemException.class).hasMessageContaining("400").hasMessageContaining("variables");
    assertThatThrownBy(() -> client.newCompleteCommand(job).withResult(r -> r.forUserTask().deny(true)).send().join())
        .isInstanceOf(ProblemException.class).hasMessageContaining("400").hasMessageContaining("CREATING");
    assertThatThrownBy(() -> client.newCompleteCommand(job).withResult(r -> r.forUserTask().correctAssignee("ben"))
        .send().join())
        .isInstanceOf(ProblemException.class).hasMessageContaining("400").hasMessageContaining("assignee");
    assertThatThrownBy(() -> client.newCompleteCommand(job).withResult(r -> r.forUserTask().correctPriority(101))
        .send().join())
        .isInstanceOf(ProblemException.class).hasMessageContaining("400").hasMessageContaining("priority");
    assertThatThrownBy(() -> client.newThrowErrorCommand(job).errorCode("NO").send().join())
        .isInstanceOf(ProblemException.class).hasMessageContaining("400");
    assertThatThrownBy(() -> client.newCompleteUserTaskCommand(taskOf(instance).getUserTaskKey()).send().join())
        .isInstanceOf(ProblemException.class).hasMessageContaining("409").hasMessageContaining("'CREATING'");

    // and the job is still the listener's to complete
    client.newCompleteCommand(job).send().join();
    assertThat(taskOf(instance).getAssignee()).isEqualTo("anna");
  }

  @Test
  void shouldRejectADenialTogetherWithCorrections() {
    deploy(process("tl-deny-correct", t -> t.zeebeTaskListener(l -> l.completing().type("tl-deny-correct"))));
    long instance = start("tl-deny-correct", Map.of());
    CamundaFuture<?> completion = client.newCompleteUserTaskCommand(taskOf(instance).getUserTaskKey()).send();
    ActivatedJob job = single("tl-deny-correct");

    assertThatThrownBy(() -> client.newCompleteCommand(job)
        .withResult(r -> r.forUserTask().deny(true).correctPriority(1)).send().join())
        .isInstanceOf(ProblemException.class).hasMessageContaining("400");

    client.newCompleteCommand(job).send().join();
    completion.join();
    assertThat(instanceState(instance)).isEqualTo("COMPLETED");
  }

  private static BpmnModelInstance process(String id, Consumer<UserTaskBuilder> task) {
    return Bpmn.createExecutableProcess(id).startEvent()
        .userTask("review", t -> task.accept(t.zeebeUserTask())).endEvent("done").done();
  }

  /** The one listener job of a type, once it is there (a command sent asynchronously creates it). */
  private ActivatedJob single(String type) {
    List<ActivatedJob> jobs = await().atMost(Duration.ofSeconds(10))
        .until(() -> activate(type, 10), found -> !found.isEmpty());
    assertThat(jobs).hasSize(1);
    return jobs.get(0);
  }

  private UserTask taskOf(long processInstanceKey) {
    List<UserTask> tasks = client.newUserTaskSearchRequest().filter(f -> f.processInstanceKey(processInstanceKey))
        .send().join().items();
    assertThat(tasks).hasSize(1);
    return tasks.get(0);
  }

  private List<UserTask> tasksIn(long processInstanceKey, UserTaskState state) {
    return client.newUserTaskSearchRequest().filter(f -> f.processInstanceKey(processInstanceKey).state(state))
        .send().join().items();
  }

  private List<String> userTaskRecords(long userTaskKey) {
    return jdbc.queryForList("select intent from engine_record where key = ? and value_type = 'USER_TASK'"
        + " order by position, record_index", String.class, userTaskKey);
  }
}

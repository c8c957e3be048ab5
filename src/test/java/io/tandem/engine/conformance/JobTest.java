package io.tandem.engine.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.camunda.client.api.CamundaFuture;
import io.camunda.client.api.command.ProblemException;
import io.camunda.client.api.response.ActivateJobsResponse;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.tandem.engine.EngineTest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class JobTest extends EngineTest {

  private final Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);

  @AfterEach
  void resetClock() {
    client.newResetClockCommand().send().join();
  }

  @Test
  void shouldMakeAFailedJobWithRetriesLeftActivatableAgain() {
    // given
    deployTask("job-retry");
    long instance = start("job-retry", Map.of());
    ActivatedJob job = activate("job-retry-work");

    // when
    client.newFailCommand(job).retries(2).errorMessage("service unavailable").send().join();

    // then
    ActivatedJob again = activate("job-retry-work");
    assertThat(again.getKey()).isEqualTo(job.getKey());
    assertThat(again.getRetries()).isEqualTo(2);
    assertThat(jdbc.queryForObject("select error_message from engine_job where key = ?", String.class,
        job.getKey())).isEqualTo("service unavailable");
    assertThat(incidentCount(instance)).isZero();
  }

  @Test
  void shouldWaitForTheRetryBackoffOfAFailedJob() {
    // given
    pin(start);
    deployTask("job-backoff");
    start("job-backoff", Map.of());
    ActivatedJob job = activate("job-backoff-work");

    // when
    client.newFailCommand(job).retries(1).retryBackoff(Duration.ofMinutes(1)).send().join();

    // then: during the backoff the job is FAILED, neither activatable nor completable
    assertThat(activateNow("job-backoff-work")).isEmpty();
    assertInvalidState(() -> client.newCompleteCommand(job.getKey()).send().join(),
        "it is in state 'FAILED'");
    pin(start.plus(Duration.ofMinutes(1)));
    assertThat(activateNow("job-backoff-work")).extracting(ActivatedJob::getKey).containsExactly(job.getKey());
  }

  @Test
  void shouldExtendTheDeadlineOfAnActivatedJobWithUpdateTimeout() {
    // given
    pin(start);
    deployTask("job-extend");
    start("job-extend", Map.of());
    ActivatedJob job = client.newActivateJobsCommand().jobType("job-extend-work").maxJobsToActivate(1)
        .timeout(Duration.ofMinutes(1)).send().join().getJobs().get(0);
    assertThat(job.getDeadline()).isEqualTo(start.plus(Duration.ofMinutes(1)).toEpochMilli());

    // when
    client.newUpdateTimeoutCommand(job).timeout(Duration.ofMinutes(10)).send().join();

    // then
    pin(start.plus(Duration.ofMinutes(5)));
    assertThat(activateNow("job-extend-work")).isEmpty();
    pin(start.plus(Duration.ofMinutes(10)));
    assertThat(activateNow("job-extend-work")).extracting(ActivatedJob::getKey).containsExactly(job.getKey());
  }

  @Test
  void shouldExtendTheDeadlineOfAnActivatedJobWithUpdateJob() {
    // given
    pin(start);
    deployTask("job-update");
    start("job-update", Map.of());
    ActivatedJob job = client.newActivateJobsCommand().jobType("job-update-work").maxJobsToActivate(1)
        .timeout(Duration.ofMinutes(1)).send().join().getJobs().get(0);

    // when
    client.newUpdateJobCommand(job).updateTimeout(Duration.ofMinutes(10)).send().join();

    // then
    pin(start.plus(Duration.ofMinutes(5)));
    assertThat(activateNow("job-update-work")).isEmpty();
    assertThat(jdbc.queryForObject("select deadline from engine_job where key = ?", java.sql.Timestamp.class,
        job.getKey()).toInstant()).isEqualTo(start.plus(Duration.ofMinutes(10)));
  }

  @Test
  void shouldRejectCompletingAFailedJob() {
    ActivatedJob job = failedJob("job-failed-complete");

    assertInvalidState(() -> client.newCompleteCommand(job).send().join(),
        "Expected to complete job with key '%d', but it is in state 'FAILED'".formatted(job.getKey()));
  }

  @Test
  void shouldRejectFailingAFailedJob() {
    ActivatedJob job = failedJob("job-failed-fail");

    assertInvalidState(() -> client.newFailCommand(job).retries(0).send().join(),
        "Expected to fail job with key '%d', but it is in state 'FAILED'".formatted(job.getKey()));
  }

  @Test
  void shouldRejectThrowingAnErrorForAFailedJob() {
    ActivatedJob job = failedJob("job-failed-error");

    assertInvalidState(() -> client.newThrowErrorCommand(job).errorCode("REJECTED").send().join(),
        "Expected to throw an error for job with key '%d', but it is in state 'FAILED'".formatted(job.getKey()));
  }

  @Test
  void shouldHandAJobCreatedLaterToAWaitingLongPoll() {
    // given
    deployTask("job-long-poll");
    long requested = System.nanoTime();
    CamundaFuture<ActivateJobsResponse> waiting = client.newActivateJobsCommand()
        .jobType("job-long-poll-work").maxJobsToActivate(1).requestTimeout(Duration.ofSeconds(10)).send();
    await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> !waiting.isDone());

    // when
    long instance = start("job-long-poll", Map.of());

    // then
    List<ActivatedJob> jobs = waiting.join().getJobs();
    Duration took = Duration.ofNanos(System.nanoTime() - requested);
    assertThat(jobs).extracting(ActivatedJob::getProcessInstanceKey).containsExactly(instance);
    assertThat(took).isLessThan(Duration.ofSeconds(5));
  }

  @Test
  void shouldFetchOnlyTheRequestedVariables() {
    // given
    deployTask("job-fetch");
    start("job-fetch", Map.of("a", 1, "b", "two", "c", List.of(3)));

    // when
    ActivatedJob job = client.newActivateJobsCommand().jobType("job-fetch-work").maxJobsToActivate(1)
        .fetchVariables("a", "c").send().join().getJobs().get(0);

    // then
    assertThat(job.getVariablesAsMap()).containsOnlyKeys("a", "c").containsEntry("a", 1);
  }

  private void deployTask(String processId) {
    deploy(Bpmn.createExecutableProcess(processId).startEvent()
        .serviceTask("task", t -> t.zeebeJobType(processId + "-work")).endEvent().done());
  }

  /** A job that failed without retries left: its element has an incident. */
  private ActivatedJob failedJob(String processId) {
    deployTask(processId);
    long instance = start(processId, Map.of());
    ActivatedJob job = activate(processId + "-work");
    client.newFailCommand(job).retries(0).errorMessage("gave up").send().join();
    assertThat(incidentCount(instance)).isEqualTo(1);
    return job;
  }

  private void assertInvalidState(org.assertj.core.api.ThrowableAssert.ThrowingCallable command, String reason) {
    Consumer<ProblemException> conflict = e -> {
      assertThat(e.code()).isEqualTo(409);
      assertThat(e.details().getTitle()).isEqualTo("INVALID_STATE");
      assertThat(e.details().getDetail()).contains(reason);
    };
    assertThatThrownBy(command).isInstanceOfSatisfying(ProblemException.class, conflict);
  }

  private void pin(Instant at) {
    client.newPinClockCommand().time(at.toEpochMilli()).send().join();
  }

  private ActivatedJob activate(String type) {
    List<ActivatedJob> jobs = client.newActivateJobsCommand().jobType(type).maxJobsToActivate(1)
        .send().join().getJobs();
    assertThat(jobs).hasSize(1);
    return jobs.get(0);
  }

  /** Activates without long polling: what is activatable right now. */
  private List<ActivatedJob> activateNow(String type) {
    return client.newActivateJobsCommand().jobType(type).maxJobsToActivate(1)
        .requestTimeout(Duration.ofMillis(-1)).send().join().getJobs();
  }

  private int incidentCount(long instance) {
    return jdbc.queryForObject(
        "select count(*) from engine_incident where process_instance_key = ? and state = 'ACTIVE'",
        Integer.class, instance);
  }
}

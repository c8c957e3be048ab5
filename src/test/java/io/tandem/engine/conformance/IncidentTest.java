package io.tandem.engine.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camunda.client.api.command.ProblemException;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.tandem.engine.EngineTest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class IncidentTest extends EngineTest {

  @AfterEach
  void resetClock() {
    client.newResetClockCommand().send().join();
  }

  @Test
  void shouldRaiseAJobIncidentWhenNoRetriesAreLeftAndActivateTheJobAgainOnceResolved() {
    // given
    deploy(Bpmn.createExecutableProcess("job-incident").startEvent()
        .serviceTask("task", t -> t.zeebeJobType("job-incident-work")).endEvent()
        .done());
    long instance = start("job-incident", Map.of());
    ActivatedJob job = activate("job-incident-work", 1).get(0);

    // when
    client.newFailCommand(job).retries(0).errorMessage("boom").send().join();

    // then
    assertThat(incidents(instance)).singleElement().satisfies(incident -> {
      assertThat(incident.errorType()).isEqualTo("JOB_NO_RETRIES");
      assertThat(incident.errorMessage()).isEqualTo("boom");
      assertThat(incident.elementId()).isEqualTo("task");
      assertThat(incident.elementInstanceKey()).isEqualTo(job.getElementInstanceKey());
      assertThat(incident.jobKey()).isEqualTo(job.getKey());
      assertThat(incident.state()).isEqualTo("ACTIVE");
    });
    assertThat(instanceState(instance)).isEqualTo("ACTIVE");
    assertThat(activate("job-incident-work", 1)).isEmpty();

    // when retries alone don't make the job activatable, resolving the incident does
    client.newUpdateRetriesCommand(job.getKey()).retries(2).send().join();
    assertThat(activate("job-incident-work", 1)).isEmpty();
    client.newResolveIncidentCommand(incidents(instance).get(0).key()).send().join();

    // then
    ActivatedJob again = activate("job-incident-work", 1).get(0);
    assertThat(again.getKey()).isEqualTo(job.getKey());
    assertThat(again.getRetries()).isEqualTo(2);
    assertThat(incidents(instance)).singleElement().extracting(StoredIncident::state).isEqualTo("RESOLVED");
    client.newCompleteCommand(again).send().join();
    assertThat(instanceState(instance)).isEqualTo("COMPLETED");
    assertThat(trace(instance)).containsSubsequence("task:ELEMENT_ACTIVATED", "task:ELEMENT_COMPLETED",
        "job-incident:ELEMENT_COMPLETED");
  }

  @Test
  void shouldRejectResolvingAJobIncidentBeforeTheRetriesAreUpdated() {
    // given
    deploy(Bpmn.createExecutableProcess("job-incident-early").startEvent()
        .serviceTask("task", t -> t.zeebeJobType("job-incident-early-work")).endEvent()
        .done());
    long instance = start("job-incident-early", Map.of());
    ActivatedJob job = activate("job-incident-early-work", 1).get(0);
    client.newFailCommand(job).retries(0).errorMessage("boom").send().join();
    long incident = incidents(instance).get(0).key();

    // when / then: refused as Camunda refuses it, and nothing changed
    assertThatThrownBy(() -> client.newResolveIncidentCommand(incident).send().join())
        .isInstanceOf(ProblemException.class)
        .hasMessageContaining("409")
        .hasMessageContaining("Expected to resolve incident with key '%d', but job with key '%d' has no retries left"
            .formatted(incident, job.getKey()));
    assertThat(incidents(instance)).singleElement().extracting(StoredIncident::state).isEqualTo("ACTIVE");
    assertThat(activate("job-incident-early-work", 1)).isEmpty();
  }

  @Test
  void shouldRejectResolvingAnUnknownIncidentWithNotFound() {
    assertThatThrownBy(() -> client.newResolveIncidentCommand(1234L).send().join())
        .isInstanceOf(ProblemException.class)
        .hasMessageContaining("404")
        .hasMessageContaining("Expected to resolve incident with key '1234', but no such incident was found");
  }

  @Test
  void shouldMakeAFailedJobActivatableAgainOnlyAfterItsRetryBackoff() {
    // given
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    client.newPinClockCommand().time(now).send().join();
    deploy(Bpmn.createExecutableProcess("job-backoff").startEvent()
        .serviceTask("task", t -> t.zeebeJobType("job-backoff-work")).endEvent()
        .done());
    long instance = start("job-backoff", Map.of());
    ActivatedJob job = activate("job-backoff-work", 1).get(0);

    // when
    client.newFailCommand(job).retries(2).retryBackoff(Duration.ofSeconds(1)).send().join();

    // then
    assertThat(activate("job-backoff-work", 1)).isEmpty();
    client.newPinClockCommand().time(now.plusMillis(999)).send().join();
    assertThat(activate("job-backoff-work", 1)).isEmpty();
    assertThat(incidents(instance)).isEmpty();

    // when
    client.newPinClockCommand().time(now.plusSeconds(1)).send().join();

    // then
    ActivatedJob again = activate("job-backoff-work", 1).get(0);
    assertThat(again.getKey()).isEqualTo(job.getKey());
    assertThat(again.getRetries()).isEqualTo(2);
    client.newCompleteCommand(again).send().join();
    assertThat(instanceState(instance)).isEqualTo("COMPLETED");
  }

  @Test
  void shouldWakeALongPollingWorkerWhenTheBackoffEnds() {
    // given
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    client.newPinClockCommand().time(now).send().join();
    deploy(Bpmn.createExecutableProcess("job-backoff-poll").startEvent()
        .serviceTask("task", t -> t.zeebeJobType("job-backoff-poll-work")).endEvent()
        .done());
    start("job-backoff-poll", Map.of());
    ActivatedJob job = activate("job-backoff-poll-work", 1).get(0);
    client.newFailCommand(job).retries(1).retryBackoff(Duration.ofMinutes(5)).send().join();

    // when a worker waits for the job, and the clock passes the backoff
    var waiting = client.newActivateJobsCommand().jobType("job-backoff-poll-work").maxJobsToActivate(1)
        .requestTimeout(Duration.ofSeconds(20)).send();
    client.newPinClockCommand().time(now.plus(Duration.ofMinutes(6))).send().join();

    // then
    assertThat(waiting.join().getJobs()).singleElement()
        .satisfies(again -> assertThat(again.getKey()).isEqualTo(job.getKey()));
  }

  @Test
  void shouldOpenBoundaryTimersOnceWhenAnActivationIsRetried() {
    // given: a reminder timer opens, then the job type fails to evaluate
    deploy(Bpmn.createExecutableProcess("retry-boundaries").startEvent()
        .serviceTask("task", t -> t.zeebeJobTypeExpression("jobType"))
        .boundaryEvent("reminder").cancelActivity(false).timerWithDuration("PT1H")
        .endEvent("reminded")
        .moveToActivity("task").endEvent().done());
    long instance = start("retry-boundaries", Map.of());
    StoredIncident incident = incidents(instance).get(0);
    client.newSetVariablesCommand(instance).variables(Map.of("jobType", "retried-work")).send().join();

    // when
    client.newResolveIncidentCommand(incident.key()).send().join();
    client.newPinClockCommand().time(Instant.now().plus(Duration.ofMinutes(61))).send().join();

    // then: one timer, one reminder
    assertThat(trace(instance)).filteredOn(t -> t.equals("reminder:ELEMENT_ACTIVATED")).hasSize(1);
    assertThat(jdbc.queryForObject("select count(*) from engine_timer where process_instance_key = ?",
        Integer.class, instance)).isZero();
  }
}

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
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TimerTest extends EngineTest {

  private final Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);

  @AfterEach
  void resetClock() {
    client.newResetClockCommand().send().join();
  }

  @Test
  void shouldFireAnIntermediateDurationTimerOnlyOnceItIsDue() {
    // given
    pin(start);
    deploy(Bpmn.createExecutableProcess("timer-duration").startEvent()
        .intermediateCatchEvent("wait").timerWithDuration("PT1H")
        .endEvent("end").done());
    long instance = start("timer-duration", Map.of());

    // when
    pin(start.plus(Duration.ofMinutes(59)));

    // then
    assertThat(trace(instance)).contains("wait:ELEMENT_ACTIVATED").doesNotContain("wait:ELEMENT_COMPLETED");
    assertThat(timers(instance)).isEqualTo(1);

    // when
    pin(start.plus(Duration.ofHours(1)));

    // then
    assertThat(trace(instance)).containsSubsequence("wait:ELEMENT_ACTIVATED", "wait:ELEMENT_COMPLETED",
        "end:ELEMENT_COMPLETED", "timer-duration:ELEMENT_COMPLETED");
    assertThat(instanceState(instance)).isEqualTo("COMPLETED");
    assertThat(timers(instance)).isZero();
  }

  @Test
  void shouldFireAnIntermediateDateTimer() {
    // given
    pin(start);
    deploy(Bpmn.createExecutableProcess("timer-date").startEvent()
        .intermediateCatchEvent("wait").timerWithDate(start.plus(Duration.ofHours(2)).toString())
        .endEvent().done());
    long instance = start("timer-date", Map.of());

    // when
    pin(start.plus(Duration.ofMinutes(119)));

    // then
    assertThat(trace(instance)).doesNotContain("wait:ELEMENT_COMPLETED");

    // when
    pin(start.plus(Duration.ofHours(2)));

    // then
    assertThat(trace(instance)).contains("wait:ELEMENT_COMPLETED");
    assertThat(instanceState(instance)).isEqualTo("COMPLETED");
  }

  @Test
  void shouldFireAnIntermediateDateTimerGivenAsFeelDateAndTime() {
    // given
    pin(start);
    String due = start.plus(Duration.ofDays(1)).toString();
    deploy(Bpmn.createExecutableProcess("timer-feel-date").startEvent()
        .intermediateCatchEvent("wait").timerWithDateExpression("date and time(\"" + due + "\")")
        .endEvent().done());
    long instance = start("timer-feel-date", Map.of());

    // when
    pin(start.plus(Duration.ofHours(23)));

    // then
    assertThat(trace(instance)).doesNotContain("wait:ELEMENT_COMPLETED");

    // when
    pin(start.plus(Duration.ofDays(1)).plusSeconds(1));

    // then
    assertThat(trace(instance)).contains("wait:ELEMENT_COMPLETED");
    assertThat(instanceState(instance)).isEqualTo("COMPLETED");
  }

  @Test
  void shouldTerminateTheTaskWhenAnInterruptingTimerBoundaryFires() {
    // given
    pin(start);
    deploy(Bpmn.createExecutableProcess("timer-interrupting").startEvent()
        .serviceTask("task", t -> t.zeebeJobType("timer-interrupting-work"))
        .boundaryEvent("timeout").timerWithDuration("PT10M").endEvent("timedOut")
        .moveToActivity("task").endEvent("done").done());
    long instance = start("timer-interrupting", Map.of());
    ActivatedJob job = activate("timer-interrupting-work");

    // when
    pin(start.plus(Duration.ofMinutes(10)));

    // then
    assertThat(trace(instance)).containsSubsequence("task:ELEMENT_ACTIVATED", "task:ELEMENT_TERMINATED",
        "timeout:ELEMENT_ACTIVATED", "timeout:ELEMENT_COMPLETED", "timedOut:ELEMENT_COMPLETED",
        "timer-interrupting:ELEMENT_COMPLETED").doesNotContain("task:ELEMENT_COMPLETED", "done:ELEMENT_ACTIVATED");
    assertThat(jdbc.queryForObject("select count(*) from engine_job where key = ?", Integer.class,
        job.getKey())).isZero();
    assertThatThrownBy(() -> client.newCompleteCommand(job).send().join())
        .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.code()).isEqualTo(404));
    assertThat(timers(instance)).isZero();
  }

  @Test
  void shouldFireANonInterruptingCycleTimerRepeatedlyWhileTheTaskStaysActive() {
    // given
    pin(start);
    deploy(Bpmn.createExecutableProcess("timer-cycle").startEvent()
        .serviceTask("task", t -> t.zeebeJobType("timer-cycle-work"))
        .boundaryEvent("remind").cancelActivity(false).timerWithCycle("R2/PT1M").endEvent("reminded")
        .moveToActivity("task").endEvent("done").done());
    long instance = start("timer-cycle", Map.of());
    ActivatedJob job = activate("timer-cycle-work");

    // when
    pin(start.plus(Duration.ofMinutes(1)));

    // then
    assertThat(count(trace(instance), "remind:ELEMENT_COMPLETED")).isEqualTo(1);
    assertThat(timers(instance)).isEqualTo(1);

    // when
    pin(start.plus(Duration.ofMinutes(2)));

    // then
    assertThat(count(trace(instance), "remind:ELEMENT_COMPLETED")).isEqualTo(2);
    assertThat(count(trace(instance), "reminded:ELEMENT_COMPLETED")).isEqualTo(2);
    assertThat(timers(instance)).isZero();

    // when
    pin(start.plus(Duration.ofMinutes(3)));

    // then
    assertThat(count(trace(instance), "remind:ELEMENT_COMPLETED")).isEqualTo(2);
    assertThat(trace(instance)).doesNotContain("task:ELEMENT_TERMINATED");
    assertThat(instanceState(instance)).isEqualTo("ACTIVE");

    // when
    client.newCompleteCommand(job).send().join();

    // then
    assertThat(trace(instance)).containsSubsequence("task:ELEMENT_COMPLETED", "done:ELEMENT_COMPLETED",
        "timer-cycle:ELEMENT_COMPLETED");
    assertThat(instanceState(instance)).isEqualTo("COMPLETED");
  }

  @Test
  void shouldRemoveTheBoundaryTimerWhenTheTaskCompletes() {
    // given
    pin(start);
    deploy(Bpmn.createExecutableProcess("timer-removed").startEvent()
        .serviceTask("task", t -> t.zeebeJobType("timer-removed-work"))
        .boundaryEvent("timeout").timerWithDuration("PT1H").endEvent("timedOut")
        .moveToActivity("task").intermediateCatchEvent("later").timerWithDuration("PT1H")
        .endEvent("done").done());
    long instance = start("timer-removed", Map.of());
    assertThat(timers(instance)).isEqualTo(1);

    // when
    client.newCompleteCommand(activate("timer-removed-work")).send().join();

    // then: only the intermediate timer is left; the boundary's is gone
    assertThat(jdbc.queryForList("select element_id from engine_timer where process_instance_key = ?",
        String.class, instance)).containsExactly("later");

    // when
    pin(start.plus(Duration.ofHours(2)));

    // then
    assertThat(trace(instance)).doesNotContain("timeout:ELEMENT_ACTIVATED")
        .contains("later:ELEMENT_COMPLETED", "done:ELEMENT_COMPLETED");
    assertThat(timers(instance)).isZero();
  }

  @Test
  void shouldRemoveTheTimersOfACancelledInstance() {
    // given
    pin(start);
    deploy(Bpmn.createExecutableProcess("timer-cancelled").startEvent().parallelGateway("fork")
        .intermediateCatchEvent("wait").timerWithDuration("PT1H").endEvent()
        .moveToNode("fork").serviceTask("task", t -> t.zeebeJobType("timer-cancelled-work"))
        .boundaryEvent("timeout").timerWithDuration("PT2H").endEvent()
        .moveToActivity("task").endEvent().done());
    long instance = start("timer-cancelled", Map.of());
    assertThat(timers(instance)).isEqualTo(2);

    // when
    client.newCancelInstanceCommand(instance).send().join();

    // then
    assertThat(timers(instance)).isZero();
    pin(start.plus(Duration.ofHours(3)));
    assertThat(trace(instance)).doesNotContain("wait:ELEMENT_COMPLETED", "timeout:ELEMENT_ACTIVATED");
    assertThat(instanceState(instance)).isEqualTo("TERMINATED");
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

  private int timers(long instance) {
    return jdbc.queryForObject("select count(*) from engine_timer where process_instance_key = ?",
        Integer.class, instance);
  }

  private static long count(List<String> trace, String entry) {
    return trace.stream().filter(entry::equals).count();
  }
}

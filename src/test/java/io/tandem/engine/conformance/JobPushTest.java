package io.tandem.engine.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.camunda.zeebe.model.bpmn.Bpmn;
import io.tandem.engine.EngineTest;
import io.tandem.engine.processing.Engine;
import io.tandem.engine.processing.JobCommands.ActivatedJob;
import io.tandem.engine.processing.JobStreams;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Job push to open streams, at the engine's seam (the gRPC gateway's stream is one such consumer,
 * tested end to end in the gateway's tests): jobs are activated in the transaction that creates
 * them, and handed back to pollers when their stream can't take them.
 */
class JobPushTest extends EngineTest {

  @Autowired Engine engine;

  /** A stream's far end that keeps what it is given, or refuses once closed. */
  static final class Collecting implements JobStreams.Consumer {
    final List<ActivatedJob> jobs = new CopyOnWriteArrayList<>();
    final AtomicBoolean open = new AtomicBoolean(true);
    volatile boolean ready = true;

    @Override
    public boolean isReady() {
      return ready;
    }

    @Override
    public boolean push(ActivatedJob job) {
      return open.get() && jobs.add(job);
    }
  }

  private Runnable openStream(String type, Collecting consumer, List<String> fetchVariables) {
    return engine.jobStreams().open(new JobStreams.JobStream(type, "streamer", Duration.ofMinutes(1),
        fetchVariables, Set.of("<default>"), consumer));
  }

  @Test
  void shouldPushANewJobActivatedWithItsVariablesToAnOpenStream() {
    // given
    deploy(Bpmn.createExecutableProcess("push").startEvent()
        .serviceTask("task", t -> t.zeebeJobType("push-work")).endEvent().done());
    Collecting consumer = new Collecting();
    Runnable close = openStream("push-work", consumer, List.of("a"));
    try {
      // when
      long instance = start("push", Map.of("a", 1, "b", 2));

      // then
      await().until(() -> consumer.jobs.size() == 1);
      ActivatedJob pushed = consumer.jobs.get(0);
      assertThat(pushed.job().processInstanceKey()).isEqualTo(instance);
      assertThat(pushed.job().worker()).isEqualTo("streamer");
      assertThat(pushed.job().deadline()).isNotNull();
      assertThat(pushed.variables()).containsExactly(Map.entry("a", 1));
      assertThat(jdbc.queryForObject("select state from engine_job where key = ?", String.class,
          pushed.job().key())).isEqualTo("ACTIVATED");
      assertThat(activate("push-work", 10)).as("a pushed job is not polled again").isEmpty();

      client.newCompleteCommand(pushed.job().key()).variables(Map.of("c", 3)).send().join();
      assertThat(instanceState(instance)).isEqualTo("COMPLETED");
    } finally {
      close.run();
    }
  }

  @Test
  void shouldHandAJobBackToPollersWhenItsStreamIsGone() {
    // given a stream that closed after the engine picked it
    deploy(Bpmn.createExecutableProcess("yield").startEvent()
        .serviceTask("task", t -> t.zeebeJobType("yield-work")).endEvent().done());
    Collecting consumer = new Collecting();
    consumer.open.set(false);
    Runnable close = openStream("yield-work", consumer, List.of());
    try {
      // when
      long instance = start("yield", Map.of());

      // then
      await().until(() -> "ACTIVATABLE".equals(jdbc.queryForObject(
          "select state from engine_job where process_instance_key = ?", String.class, instance)));
      close.run();
      var polled = activate("yield-work", 10);
      assertThat(polled).hasSize(1);
      assertThat(polled.get(0).getProcessInstanceKey()).isEqualTo(instance);
    } finally {
      close.run();
    }
  }

  @Test
  void shouldLeaveAJobToPollersWhileTheOnlyStreamIsNotReady() {
    // given
    deploy(Bpmn.createExecutableProcess("busy").startEvent()
        .serviceTask("task", t -> t.zeebeJobType("busy-work")).endEvent().done());
    Collecting consumer = new Collecting();
    consumer.ready = false;
    Runnable close = openStream("busy-work", consumer, List.of());
    try {
      // when
      long instance = start("busy", Map.of());

      // then
      var polled = activate("busy-work", 10);
      assertThat(polled).extracting(j -> j.getProcessInstanceKey()).containsExactly(instance);
      assertThat(consumer.jobs).isEmpty();
    } finally {
      close.run();
    }
  }

  @Test
  void shouldPushAJobFailedWithRetriesLeftAndNoBackoff() {
    // given a job that was polled, then failed with a retry left while a stream is open
    deploy(Bpmn.createExecutableProcess("retry").startEvent()
        .serviceTask("task", t -> t.zeebeJobType("retry-work")).endEvent().done());
    long instance = start("retry", Map.of());
    long jobKey = activate("retry-work", 1).get(0).getKey();
    Collecting consumer = new Collecting();
    Runnable close = openStream("retry-work", consumer, List.of());
    try {
      // when
      client.newFailCommand(jobKey).retries(1).errorMessage("try again").send().join();

      // then
      await().until(() -> consumer.jobs.size() == 1);
      ActivatedJob pushed = consumer.jobs.get(0);
      assertThat(pushed.job().key()).isEqualTo(jobKey);
      assertThat(pushed.job().retries()).isEqualTo(1);
      assertThat(pushed.job().processInstanceKey()).isEqualTo(instance);
      client.newCompleteCommand(jobKey).send().join();
      assertThat(instanceState(instance)).isEqualTo("COMPLETED");
    } finally {
      close.run();
    }
  }
}

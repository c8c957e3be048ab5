package io.tandem.engine.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.camunda.client.api.command.ProblemException;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.tandem.engine.EngineTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServiceTaskTest extends EngineTest {

  @Test
  void shouldRunAServiceTaskThroughAJobWorker() {
    // given
    deploy(Bpmn.createExecutableProcess("service").startEvent("start")
        .serviceTask("task", t -> t.zeebeJobType("work").zeebeTaskHeader("model", "v1"))
        .endEvent("end").done());
    long instance = start("service", Map.of("input", 41));

    // when
    List<ActivatedJob> jobs = client.newActivateJobsCommand().jobType("work").maxJobsToActivate(5)
        .workerName("test").send().join().getJobs();
    assertThat(jobs).hasSize(1);
    ActivatedJob job = jobs.get(0);
    client.newCompleteCommand(job).variables(Map.of("output", 42)).send().join();

    // then
    assertThat(job.getVariablesAsMap()).containsEntry("input", 41);
    assertThat(job.getCustomHeaders()).containsEntry("model", "v1");
    assertThat(job.getElementId()).isEqualTo("task");
    assertThat(job.getProcessInstanceKey()).isEqualTo(instance);
    assertThat(job.getRetries()).isEqualTo(3);
    assertThat(trace(instance)).containsExactly(
        "service:ELEMENT_ACTIVATED", "start:ELEMENT_ACTIVATED", "start:ELEMENT_COMPLETED",
        "service-flow:SEQUENCE_FLOW_TAKEN".replace("service-flow", trace(instance).get(3).split(":")[0]),
        "task:ELEMENT_ACTIVATED", "task:ELEMENT_COMPLETED",
        trace(instance).get(6), "end:ELEMENT_ACTIVATED", "end:ELEMENT_COMPLETED",
        "service:ELEMENT_COMPLETED");
    assertThat(instanceState(instance)).isEqualTo("COMPLETED");
    assertThat(rootVariables(instance)).containsEntry("input", 41).containsEntry("output", 42);
  }

  @Test
  void shouldRejectCompletingAnUnknownJobWithNotFound() {
    assertThatThrownBy(() -> client.newCompleteCommand(123L).send().join())
        .isInstanceOf(ProblemException.class)
        .hasMessageContaining("404")
        .hasMessageContaining("Expected to complete job with key '123', but no such job was found");
  }

  @Test
  void shouldReturnTheResultOfAnInstanceCreatedWithAwaitCompletion() {
    deploy(Bpmn.createExecutableProcess("await").startEvent()
        .serviceTask("t", t -> t.zeebeJobType("await-work")).endEvent().done());
    try (var worker = client.newWorker().jobType("await-work")
        .handler((c, job) -> c.newCompleteCommand(job).variables(Map.of("done", true)).send().join())
        .open()) {
      var result = client.newCreateInstanceCommand().bpmnProcessId("await").latestVersion()
          .variables(Map.of("x", 1)).withResult().requestTimeout(Duration.ofSeconds(20)).send().join();

      assertThat(result.getVariablesAsMap()).containsEntry("x", 1).containsEntry("done", true);
    }
  }

  @Test
  void shouldDeliverAJobToOneWorkerAtATimeAndAgainAfterItsTimeout() {
    deploy(Bpmn.createExecutableProcess("timeout").startEvent()
        .serviceTask("t", t -> t.zeebeJobType("timeout-work")).endEvent().done());
    long instance = start("timeout", Map.of());
    var first = client.newActivateJobsCommand().jobType("timeout-work").maxJobsToActivate(1)
        .timeout(Duration.ofMillis(300)).send().join().getJobs();
    var second = client.newActivateJobsCommand().jobType("timeout-work").maxJobsToActivate(1)
        .requestTimeout(Duration.ofMillis(-1)).send().join().getJobs();

    assertThat(first).hasSize(1);
    assertThat(second).isEmpty();
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
        assertThat(client.newActivateJobsCommand().jobType("timeout-work").maxJobsToActivate(1)
            .send().join().getJobs()).extracting(ActivatedJob::getKey).containsExactly(first.get(0).getKey()));
    assertThat(instanceState(instance)).isEqualTo("ACTIVE");
  }
}

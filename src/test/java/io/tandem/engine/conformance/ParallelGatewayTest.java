package io.tandem.engine.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.api.response.ActivatedJob;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.tandem.engine.EngineTest;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ParallelGatewayTest extends EngineTest {

  @Test
  void shouldForkIntoThreeBranchesAndJoinOnceAllOfThemArrived() {
    // given
    deploy(Bpmn.createExecutableProcess("fork-join").startEvent("start")
        .sequenceFlowId("to-fork").parallelGateway("fork")
        .sequenceFlowId("to-a").serviceTask("a", t -> t.zeebeJobType("fork-join-a"))
        .sequenceFlowId("a-to-join").parallelGateway("join")
        .sequenceFlowId("to-end").endEvent("end")
        .moveToNode("fork").sequenceFlowId("to-b").serviceTask("b", t -> t.zeebeJobType("fork-join-b"))
        .sequenceFlowId("b-to-join").connectTo("join")
        .moveToNode("fork").sequenceFlowId("to-c").serviceTask("c", t -> t.zeebeJobType("fork-join-c"))
        .sequenceFlowId("c-to-join").connectTo("join")
        .done());
    long instance = start("fork-join", Map.of());
    ActivatedJob a = activate("fork-join-a", 1).get(0);
    ActivatedJob b = activate("fork-join-b", 1).get(0);
    ActivatedJob c = activate("fork-join-c", 1).get(0);

    // when two of three branches arrive
    client.newCompleteCommand(b).variables(Map.of("b", 2)).send().join();
    client.newCompleteCommand(a).variables(Map.of("a", 1)).send().join();

    // then the join still waits
    assertThat(trace(instance)).doesNotContain("join:ELEMENT_ACTIVATED");
    assertThat(instanceState(instance)).isEqualTo("ACTIVE");

    // when the last one arrives
    client.newCompleteCommand(c).variables(Map.of("c", 3)).send().join();

    // then
    assertThat(trace(instance)).containsExactly(
        "fork-join:ELEMENT_ACTIVATED",
        "start:ELEMENT_ACTIVATED", "start:ELEMENT_COMPLETED", "to-fork:SEQUENCE_FLOW_TAKEN",
        "fork:ELEMENT_ACTIVATED", "fork:ELEMENT_COMPLETED",
        "to-a:SEQUENCE_FLOW_TAKEN", "to-b:SEQUENCE_FLOW_TAKEN", "to-c:SEQUENCE_FLOW_TAKEN",
        "a:ELEMENT_ACTIVATED", "b:ELEMENT_ACTIVATED", "c:ELEMENT_ACTIVATED",
        "b:ELEMENT_COMPLETED", "b-to-join:SEQUENCE_FLOW_TAKEN",
        "a:ELEMENT_COMPLETED", "a-to-join:SEQUENCE_FLOW_TAKEN",
        "c:ELEMENT_COMPLETED", "c-to-join:SEQUENCE_FLOW_TAKEN",
        "join:ELEMENT_ACTIVATED", "join:ELEMENT_COMPLETED", "to-end:SEQUENCE_FLOW_TAKEN",
        "end:ELEMENT_ACTIVATED", "end:ELEMENT_COMPLETED",
        "fork-join:ELEMENT_COMPLETED");
    assertThat(instanceState(instance)).isEqualTo("COMPLETED");
    assertThat(rootVariables(instance)).containsEntry("a", 1).containsEntry("b", 2).containsEntry("c", 3);
  }

  @Test
  void shouldActivateEveryBranchOfTheForkWithItsOwnJob() {
    // given
    deploy(Bpmn.createExecutableProcess("fork-jobs").startEvent()
        .parallelGateway("fork")
        .serviceTask("x", t -> t.zeebeJobType("fork-jobs-work")).parallelGateway("join").endEvent()
        .moveToNode("fork").serviceTask("y", t -> t.zeebeJobType("fork-jobs-work")).connectTo("join")
        .moveToNode("fork").serviceTask("z", t -> t.zeebeJobType("fork-jobs-work")).connectTo("join")
        .done());
    long instance = start("fork-jobs", Map.of("input", "shared"));

    // when
    List<ActivatedJob> jobs = activate("fork-jobs-work", 10);

    // then
    assertThat(jobs).extracting(ActivatedJob::getElementId).containsExactlyInAnyOrder("x", "y", "z");
    assertThat(jobs).allSatisfy(job -> {
      assertThat(job.getProcessInstanceKey()).isEqualTo(instance);
      assertThat(job.getVariablesAsMap()).containsEntry("input", "shared");
    });
    jobs.stream().sorted(Comparator.comparing(ActivatedJob::getElementId).reversed())
        .forEach(job -> client.newCompleteCommand(job).send().join());
    assertThat(trace(instance)).filteredOn(step -> step.startsWith("join:")).containsExactly(
        "join:ELEMENT_ACTIVATED", "join:ELEMENT_COMPLETED");
    assertThat(trace(instance)).filteredOn(step -> step.equals("fork-jobs:ELEMENT_COMPLETED")).hasSize(1);
    assertThat(instanceState(instance)).isEqualTo("COMPLETED");
  }
}

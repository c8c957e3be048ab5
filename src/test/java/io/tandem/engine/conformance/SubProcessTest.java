package io.tandem.engine.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.api.response.ActivatedJob;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.tandem.engine.EngineTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SubProcessTest extends EngineTest {

  @Test
  void shouldRunAnEmbeddedSubProcessWithItsOwnVariableScope() {
    // given
    deploy(Bpmn.createExecutableProcess("embedded").startEvent("start").sequenceFlowId("to-sub")
        .subProcess("sub", s -> s.zeebeInputExpression("\"inside\"", "scoped")
            .zeebeInputExpression("order.id", "orderId"))
        .embeddedSubProcess().startEvent("sub-start").sequenceFlowId("to-task")
        .serviceTask("task", t -> t.zeebeJobType("embedded-work")).sequenceFlowId("to-sub-end")
        .endEvent("sub-end")
        .subProcessDone().sequenceFlowId("to-end").endEvent("end")
        .done());
    long instance = start("embedded", Map.of("order", Map.of("id", "o-1")));

    // when
    ActivatedJob job = activate("embedded-work", 1).get(0);
    long sub = elementInstanceKey(instance, "sub");

    // then the subprocess's input mappings are its locals, visible inside only
    assertThat(job.getVariablesAsMap()).containsEntry("scoped", "inside").containsEntry("orderId", "o-1")
        .containsKey("order");
    assertThat(localVariables(instance, sub)).containsOnly(Map.entry("scoped", "inside"), Map.entry("orderId", "o-1"));
    assertThat(rootVariables(instance)).containsOnlyKeys("order");

    // when
    client.newCompleteCommand(job).variables(Map.of("result", "done")).send().join();

    // then the job's variables reach the process, the subprocess's locals are gone
    assertThat(trace(instance)).containsExactly(
        "embedded:ELEMENT_ACTIVATED",
        "start:ELEMENT_ACTIVATED", "start:ELEMENT_COMPLETED", "to-sub:SEQUENCE_FLOW_TAKEN",
        "sub:ELEMENT_ACTIVATED",
        "sub-start:ELEMENT_ACTIVATED", "sub-start:ELEMENT_COMPLETED", "to-task:SEQUENCE_FLOW_TAKEN",
        "task:ELEMENT_ACTIVATED", "task:ELEMENT_COMPLETED", "to-sub-end:SEQUENCE_FLOW_TAKEN",
        "sub-end:ELEMENT_ACTIVATED", "sub-end:ELEMENT_COMPLETED",
        "sub:ELEMENT_COMPLETED", "to-end:SEQUENCE_FLOW_TAKEN",
        "end:ELEMENT_ACTIVATED", "end:ELEMENT_COMPLETED",
        "embedded:ELEMENT_COMPLETED");
    assertThat(instanceState(instance)).isEqualTo("COMPLETED");
    assertThat(rootVariables(instance)).containsOnlyKeys("order", "result").containsEntry("result", "done");
  }

  @Test
  void shouldPropagateSubProcessLocalsOnlyThroughOutputMappings() {
    // given
    deploy(Bpmn.createExecutableProcess("embedded-output").startEvent()
        .subProcess("sub", s -> s.zeebeInputExpression("1", "counter")
            .zeebeOutputExpression("counter + 1", "total"))
        .embeddedSubProcess().startEvent()
        .serviceTask("task", t -> t.zeebeJobType("embedded-output-work")).endEvent()
        .subProcessDone().endEvent()
        .done());
    long instance = start("embedded-output", Map.of());

    // when the job updates the subprocess's local variable
    client.newCompleteCommand(activate("embedded-output-work", 1).get(0))
        .variables(Map.of("counter", 41)).send().join();

    // then only the output mapping leaves the subprocess
    assertThat(instanceState(instance)).isEqualTo("COMPLETED");
    assertThat(rootVariables(instance)).containsOnly(Map.entry("total", 42));
  }

  @Test
  void shouldRunNestedSubProcesses() {
    // given
    deploy(Bpmn.createExecutableProcess("nested").startEvent("start")
        .subProcess("outer", s -> s.zeebeInputExpression("\"o\"", "outerLocal"))
        .embeddedSubProcess().startEvent("outer-start")
        .subProcess("inner", s -> s.zeebeInputExpression("\"i\"", "innerLocal"))
        .embeddedSubProcess().startEvent("inner-start")
        .serviceTask("task", t -> t.zeebeJobType("nested-work"))
        .endEvent("inner-end")
        .subProcessDone().endEvent("outer-end")
        .subProcessDone().endEvent("end")
        .done());
    long instance = start("nested", Map.of("x", 1));

    // when
    ActivatedJob job = activate("nested-work", 1).get(0);
    client.newCompleteCommand(job).variables(Map.of("y", 2)).send().join();

    // then
    assertThat(job.getVariablesAsMap()).containsOnly(
        Map.entry("x", 1), Map.entry("outerLocal", "o"), Map.entry("innerLocal", "i"));
    assertThat(trace(instance)).filteredOn(step -> step.endsWith("ELEMENT_ACTIVATED")).containsExactly(
        "nested:ELEMENT_ACTIVATED", "start:ELEMENT_ACTIVATED", "outer:ELEMENT_ACTIVATED",
        "outer-start:ELEMENT_ACTIVATED", "inner:ELEMENT_ACTIVATED", "inner-start:ELEMENT_ACTIVATED",
        "task:ELEMENT_ACTIVATED", "inner-end:ELEMENT_ACTIVATED", "outer-end:ELEMENT_ACTIVATED",
        "end:ELEMENT_ACTIVATED");
    assertThat(trace(instance)).filteredOn(step -> step.endsWith("ELEMENT_COMPLETED")).containsExactly(
        "start:ELEMENT_COMPLETED", "outer-start:ELEMENT_COMPLETED", "inner-start:ELEMENT_COMPLETED",
        "task:ELEMENT_COMPLETED", "inner-end:ELEMENT_COMPLETED", "inner:ELEMENT_COMPLETED",
        "outer-end:ELEMENT_COMPLETED", "outer:ELEMENT_COMPLETED", "end:ELEMENT_COMPLETED",
        "nested:ELEMENT_COMPLETED");
    assertThat(instanceState(instance)).isEqualTo("COMPLETED");
    assertThat(rootVariables(instance)).containsOnly(Map.entry("x", 1), Map.entry("y", 2));
  }
}

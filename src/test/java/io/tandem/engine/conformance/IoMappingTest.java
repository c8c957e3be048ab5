package io.tandem.engine.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.api.response.ActivatedJob;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.tandem.engine.EngineTest;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IoMappingTest extends EngineTest {

  @Test
  void shouldCreateLocalVariablesFromInputMappingsForTheJob() {
    // given
    deploy(Bpmn.createExecutableProcess("io-input").startEvent()
        .serviceTask("task", t -> t.zeebeJobType("io-input-work")
            .zeebeInputExpression("order.total * 2", "doubled")
            .zeebeInput("static text", "label")
            .zeebeInputExpression("doubled + 1", "chained"))
        .endEvent()
        .done());
    long instance = start("io-input", Map.of("order", Map.of("total", 21)));

    // when
    ActivatedJob job = activate("io-input-work", 1).get(0);

    // then
    assertThat(job.getVariablesAsMap()).containsEntry("doubled", 42).containsEntry("label", "static text")
        .containsEntry("chained", 43).containsKey("order");
    assertThat(localVariables(instance, job.getElementInstanceKey()))
        .containsOnly(Map.entry("doubled", 42), Map.entry("label", "static text"), Map.entry("chained", 43));
    assertThat(rootVariables(instance)).containsOnlyKeys("order");

    // and the locals are gone with the task
    client.newCompleteCommand(job).send().join();
    assertThat(instanceState(instance)).isEqualTo("COMPLETED");
    assertThat(rootVariables(instance)).containsOnlyKeys("order");
  }

  @Test
  void shouldBuildANewObjectForANestedInputTarget() {
    // given
    deploy(Bpmn.createExecutableProcess("io-input-nested").startEvent()
        .serviceTask("task", t -> t.zeebeJobType("io-input-nested-work")
            .zeebeInputExpression("customer", "sender.name")
            .zeebeInputExpression("iban", "sender.iban"))
        .endEvent()
        .done());
    start("io-input-nested", Map.of("customer", "John", "iban", "DE456",
        "sender", Map.of("name", "Old", "phone", "123")));

    // when
    ActivatedJob job = activate("io-input-nested-work", 1).get(0);

    // then the local variable replaces the outer one rather than merging into it
    assertThat(job.getVariablesAsMap()).containsEntry("sender", Map.of("name", "John", "iban", "DE456"));
  }

  @Test
  void shouldPropagateOnlyOutputMappedVariablesIncludingNestedTargets() {
    // given
    deploy(Bpmn.createExecutableProcess("io-output").startEvent()
        .serviceTask("task", t -> t.zeebeJobType("io-output-work")
            .zeebeOutputExpression("result", "plain")
            .zeebeOutputExpression("result * 2", "order.score"))
        .endEvent()
        .done());
    long instance = start("io-output", Map.of("order", Map.of("id", "o-1", "score", 0)));

    // when
    client.newCompleteCommand(activate("io-output-work", 1).get(0))
        .variables(Map.of("result", 7, "other", 8)).send().join();

    // then
    assertThat(instanceState(instance)).isEqualTo("COMPLETED");
    assertThat(rootVariables(instance)).containsOnly(
        Map.entry("order", Map.of("id", "o-1", "score", 14)), Map.entry("plain", 7));
  }

  @Test
  void shouldPropagateJobVariablesToTheNearestScopeThatHasThemElseToTheRoot() {
    // given
    deploy(Bpmn.createExecutableProcess("io-propagation").startEvent()
        .subProcess("sub", s -> s.zeebeInputExpression("0", "x"))
        .embeddedSubProcess().startEvent()
        .serviceTask("first", t -> t.zeebeJobType("io-propagation-first"))
        .serviceTask("second", t -> t.zeebeJobType("io-propagation-second"))
        .endEvent()
        .subProcessDone().endEvent()
        .done());
    long instance = start("io-propagation", Map.of("z", 0));

    // when
    client.newCompleteCommand(activate("io-propagation-first", 1).get(0))
        .variables(Map.of("x", 5, "y", 6, "z", 7)).send().join();
    ActivatedJob second = activate("io-propagation-second", 1).get(0);

    // then x lives on in the subprocess, y is new at the root, z updated at the root
    assertThat(second.getVariablesAsMap()).containsOnly(Map.entry("x", 5), Map.entry("y", 6), Map.entry("z", 7));
    assertThat(localVariables(instance, elementInstanceKey(instance, "sub"))).containsOnly(Map.entry("x", 5));
    assertThat(rootVariables(instance)).containsOnly(Map.entry("y", 6), Map.entry("z", 7));

    // and the subprocess's x is gone with it
    client.newCompleteCommand(second).send().join();
    assertThat(instanceState(instance)).isEqualTo("COMPLETED");
    assertThat(rootVariables(instance)).containsOnly(Map.entry("y", 6), Map.entry("z", 7));
  }

  @Test
  void shouldSetVariablesLocallyOrPropagateThem() {
    // given
    deploy(Bpmn.createExecutableProcess("io-set").startEvent()
        .serviceTask("task", t -> t.zeebeJobType("io-set-work"))
        .endEvent()
        .done());
    long instance = start("io-set", Map.of("v", 0));
    long task = elementInstanceKey(instance, "task");

    // when
    client.newSetVariablesCommand(task).variables(Map.of("v", 1, "w", 1)).local(true).send().join();

    // then
    assertThat(localVariables(instance, task)).containsOnly(Map.entry("v", 1), Map.entry("w", 1));
    assertThat(rootVariables(instance)).containsOnly(Map.entry("v", 0));

    // when propagating: v exists on the task's own scope, u nowhere
    client.newSetVariablesCommand(task).variables(Map.of("v", 2, "u", 3)).send().join();

    // then
    assertThat(localVariables(instance, task)).containsOnly(Map.entry("v", 2), Map.entry("w", 1));
    assertThat(rootVariables(instance)).containsOnly(Map.entry("v", 0), Map.entry("u", 3));
    ActivatedJob job = activate("io-set-work", 1).get(0);
    assertThat(job.getVariablesAsMap()).containsOnly(Map.entry("v", 2), Map.entry("w", 1), Map.entry("u", 3));

    // and the task's locals end with it
    client.newCompleteCommand(job).send().join();
    assertThat(rootVariables(instance)).containsOnly(Map.entry("v", 0), Map.entry("u", 3));
  }

  @Test
  void shouldKeepVariablesWhoseValueIsNull() {
    // given
    deploy(Bpmn.createExecutableProcess("io-null").startEvent()
        .serviceTask("task", t -> t.zeebeJobType("io-null-work").zeebeInputExpression("null", "cleared"))
        .endEvent()
        .done());
    Map<String, Object> variables = new HashMap<>();
    variables.put("customer", null);
    long instance = start("io-null", variables);

    // when
    ActivatedJob job = activate("io-null-work", 1).get(0);
    Map<String, Object> completion = new HashMap<>();
    completion.put("note", null);
    client.newCompleteCommand(job).variables(completion).send().join();

    // then
    assertThat(job.getVariablesAsMap()).containsEntry("customer", null).containsEntry("cleared", null);
    assertThat(rootVariables(instance)).containsOnlyKeys("customer", "note")
        .containsEntry("customer", null).containsEntry("note", null);
  }
}

package io.tandem.engine.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.zeebe.model.bpmn.Bpmn;
import io.tandem.engine.EngineTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScriptTaskTest extends EngineTest {

  @Test
  void shouldEvaluateTheScriptIntoTheResultVariable() {
    // given
    deploy(Bpmn.createExecutableProcess("script").startEvent("start").sequenceFlowId("to-script")
        .scriptTask("add", t -> t.zeebeExpression("a + b").zeebeResultVariable("sum"))
        .sequenceFlowId("to-end").endEvent("end")
        .done());

    // when
    long instance = start("script", Map.of("a", 1, "b", 2));

    // then
    assertThat(trace(instance)).containsExactly(
        "script:ELEMENT_ACTIVATED",
        "start:ELEMENT_ACTIVATED", "start:ELEMENT_COMPLETED", "to-script:SEQUENCE_FLOW_TAKEN",
        "add:ELEMENT_ACTIVATED", "add:ELEMENT_COMPLETED", "to-end:SEQUENCE_FLOW_TAKEN",
        "end:ELEMENT_ACTIVATED", "end:ELEMENT_COMPLETED",
        "script:ELEMENT_COMPLETED");
    assertThat(instanceState(instance)).isEqualTo("COMPLETED");
    assertThat(rootVariables(instance)).containsOnly(Map.entry("a", 1), Map.entry("b", 2), Map.entry("sum", 3));
  }

  @Test
  void shouldPassTheResultVariableThroughOutputMappingsOnly() {
    // given
    deploy(Bpmn.createExecutableProcess("script-output").startEvent()
        .scriptTask("add", t -> t.zeebeExpression("{total: a + b, count: 2}").zeebeResultVariable("result")
            .zeebeOutputExpression("result.total", "total"))
        .endEvent()
        .done());

    // when
    long instance = start("script-output", Map.of("a", 20, "b", 22));

    // then
    assertThat(instanceState(instance)).isEqualTo("COMPLETED");
    assertThat(rootVariables(instance)).containsOnly(Map.entry("a", 20), Map.entry("b", 22), Map.entry("total", 42));
  }

  @Test
  void shouldUpdateTheResultVariableWhereItExistsInAnEnclosingScope() {
    // given
    deploy(Bpmn.createExecutableProcess("script-scope").startEvent()
        .subProcess("sub", s -> s.zeebeInputExpression("0", "sum"))
        .embeddedSubProcess().startEvent()
        .scriptTask("add", t -> t.zeebeExpression("a + b").zeebeResultVariable("sum"))
        .serviceTask("check", t -> t.zeebeJobType("script-scope-check"))
        .endEvent()
        .subProcessDone().endEvent()
        .done());
    long instance = start("script-scope", Map.of("a", 1, "b", 2));

    // when
    var job = activate("script-scope-check", 1).get(0);

    // then the subprocess's variable was updated, none created at the root
    assertThat(job.getVariablesAsMap()).containsEntry("sum", 3);
    assertThat(localVariables(instance, elementInstanceKey(instance, "sub"))).containsOnly(Map.entry("sum", 3));
    assertThat(rootVariables(instance)).doesNotContainKey("sum");
  }

  @Test
  void shouldRaiseAnIncidentWhenTheScriptFailsAndRetryItOnResolution() {
    // given
    deploy(Bpmn.createExecutableProcess("script-failure").startEvent()
        .scriptTask("check", t -> t.zeebeExpression("assert(a, a > 0) * 10").zeebeResultVariable("result"))
        .endEvent()
        .done());

    // when
    long instance = start("script-failure", Map.of("a", -1));

    // then
    assertThat(incidents(instance)).singleElement().satisfies(incident -> {
      assertThat(incident.errorType()).isEqualTo("EXTRACT_VALUE_ERROR");
      assertThat(incident.errorMessage()).startsWith("failed to evaluate expression 'assert(a, a > 0) * 10'");
      assertThat(incident.elementId()).isEqualTo("check");
    });
    assertThat(instanceState(instance)).isEqualTo("ACTIVE");
    assertThat(trace(instance)).doesNotContain("check:ELEMENT_ACTIVATED");

    // and when
    client.newSetVariablesCommand(instance).variables(Map.of("a", 4)).send().join();
    client.newResolveIncidentCommand(incidents(instance).get(0).key()).send().join();

    // then
    assertThat(trace(instance)).containsSubsequence("check:ELEMENT_ACTIVATED", "check:ELEMENT_COMPLETED",
        "script-failure:ELEMENT_COMPLETED");
    assertThat(rootVariables(instance)).containsEntry("result", 40);
  }
}

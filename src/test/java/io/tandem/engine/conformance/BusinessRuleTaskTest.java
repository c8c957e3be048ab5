package io.tandem.engine.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camunda.client.api.command.ProblemException;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.tandem.engine.EngineTest;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class BusinessRuleTaskTest extends EngineTest {

  @BeforeAll
  void deployDecisions() {
    client.newDeployResourceCommand().addResourceFromClasspath("dmn/triage.dmn").send().join();
  }

  @Test
  void shouldSetTheDecisionResultAsTheResultVariable() {
    // given
    deploy(Bpmn.createExecutableProcess("brt").startEvent()
        .businessRuleTask("triage", t -> t.zeebeCalledDecisionId("triage").zeebeResultVariable("route"))
        .endEvent().done());

    // when
    long instance = start("brt", Map.of("confidence", 0.97, "riskClass", "low"));

    // then
    assertThat(instanceState(instance)).isEqualTo("COMPLETED");
    assertThat(rootVariables(instance)).containsKey("route");
    assertThat(trace(instance)).contains("triage:ELEMENT_ACTIVATED", "triage:ELEMENT_COMPLETED");
  }

  @Test
  void shouldRaiseAnIncidentWhenTheDecisionDoesNotExist() {
    deploy(Bpmn.createExecutableProcess("brt-missing").startEvent()
        .businessRuleTask("missing", t -> t.zeebeCalledDecisionId("nope").zeebeResultVariable("r"))
        .endEvent().done());

    long instance = start("brt-missing", Map.of());

    assertThat(instanceState(instance)).isEqualTo("ACTIVE");
    assertThat(jdbc.queryForObject(
        "select error_type from engine_incident where process_instance_key = ?", String.class, instance))
        .isEqualTo("CALLED_DECISION_ERROR");
  }

  @Test
  void shouldEvaluateADecisionDirectlyWithItsMatchedRules() {
    var result = client.newEvaluateDecisionCommand().decisionId("triage")
        .variables(Map.of("confidence", 0.5, "riskClass", "high")).send().join();

    assertThat(result.getDecisionId()).isEqualTo("triage");
    assertThat(result.getDecisionVersion()).isEqualTo(1);
    assertThat(result.getEvaluatedDecisions()).hasSize(1);
    assertThat(result.getEvaluatedDecisions().get(0).getMatchedRules()).hasSize(1);
    assertThat(result.getDecisionOutput()).isNotBlank();
  }

  @Test
  void shouldRejectEvaluatingAnUnknownDecision() {
    assertThatThrownBy(() -> client.newEvaluateDecisionCommand().decisionId("unknown").send().join())
        .isInstanceOf(ProblemException.class).hasMessageContaining("404");
  }
}

package io.tandem.engine.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.tandem.engine.EngineTest;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ExclusiveGatewayTest extends EngineTest {

  @BeforeAll
  void deployProcesses() {
    deploy(decision("xor-default", true));
    deploy(decision("xor-no-default", false));
    deploy(Bpmn.createExecutableProcess("xor-non-boolean").startEvent("start")
        .sequenceFlowId("to-decide").exclusiveGateway("decide")
        .sequenceFlowId("to-approved").conditionExpression("=approved").endEvent("approved-end")
        .moveToLastExclusiveGateway().defaultFlow().sequenceFlowId("to-other").endEvent("other-end")
        .done());
  }

  /** Flows in XML order: "amount > 100", then "amount > 10", then the default (if any). */
  private static BpmnModelInstance decision(String id, boolean withDefault) {
    var gateway = Bpmn.createExecutableProcess(id).startEvent("start")
        .sequenceFlowId("to-decide").exclusiveGateway("decide")
        .sequenceFlowId("to-high").conditionExpression("=amount > 100").endEvent("high")
        .moveToLastGateway()
        .sequenceFlowId("to-medium").conditionExpression("=amount > 10").endEvent("medium");
    return withDefault
        ? gateway.moveToLastExclusiveGateway().defaultFlow().sequenceFlowId("to-low").endEvent("low").done()
        : gateway.done();
  }

  @Test
  void shouldTakeTheFirstFlowWhoseConditionIsTrueInXmlOrder() {
    // when
    long instance = start("xor-default", Map.of("amount", 500));

    // then both conditions are true: the first one defined wins
    assertThat(trace(instance)).containsExactly(
        "xor-default:ELEMENT_ACTIVATED",
        "start:ELEMENT_ACTIVATED", "start:ELEMENT_COMPLETED", "to-decide:SEQUENCE_FLOW_TAKEN",
        "decide:ELEMENT_ACTIVATED", "decide:ELEMENT_COMPLETED", "to-high:SEQUENCE_FLOW_TAKEN",
        "high:ELEMENT_ACTIVATED", "high:ELEMENT_COMPLETED",
        "xor-default:ELEMENT_COMPLETED");
    assertThat(instanceState(instance)).isEqualTo("COMPLETED");
  }

  @Test
  void shouldTakeALaterFlowWhenEarlierConditionsAreFalse() {
    // when
    long instance = start("xor-default", Map.of("amount", 50));

    // then
    assertThat(trace(instance)).containsSubsequence(
        "decide:ELEMENT_COMPLETED", "to-medium:SEQUENCE_FLOW_TAKEN", "medium:ELEMENT_COMPLETED",
        "xor-default:ELEMENT_COMPLETED");
    assertThat(trace(instance)).doesNotContain("to-high:SEQUENCE_FLOW_TAKEN", "to-low:SEQUENCE_FLOW_TAKEN");
  }

  @Test
  void shouldTakeTheDefaultFlowWhenNoConditionIsTrue() {
    // when
    long instance = start("xor-default", Map.of("amount", 5));

    // then
    assertThat(trace(instance)).containsSubsequence(
        "decide:ELEMENT_COMPLETED", "to-low:SEQUENCE_FLOW_TAKEN", "low:ELEMENT_ACTIVATED",
        "low:ELEMENT_COMPLETED", "xor-default:ELEMENT_COMPLETED");
    assertThat(trace(instance)).doesNotContain("to-high:SEQUENCE_FLOW_TAKEN", "to-medium:SEQUENCE_FLOW_TAKEN");
    assertThat(instanceState(instance)).isEqualTo("COMPLETED");
  }

  @Test
  void shouldRaiseAConditionIncidentWhenNoConditionIsTrueAndThereIsNoDefaultFlow() {
    // when
    long instance = start("xor-no-default", Map.of("amount", 5));

    // then
    assertThat(incidents(instance)).singleElement().satisfies(incident -> {
      assertThat(incident.errorType()).isEqualTo("CONDITION_ERROR");
      assertThat(incident.errorMessage())
          .isEqualTo("Expected at least one condition to evaluate to true, or to have a default flow");
      assertThat(incident.elementId()).isEqualTo("decide");
      assertThat(incident.state()).isEqualTo("ACTIVE");
    });
    assertThat(instanceState(instance)).isEqualTo("ACTIVE");
    assertThat(trace(instance)).containsExactly(
        "xor-no-default:ELEMENT_ACTIVATED",
        "start:ELEMENT_ACTIVATED", "start:ELEMENT_COMPLETED", "to-decide:SEQUENCE_FLOW_TAKEN");
  }

  @Test
  void shouldContinueWhenTheIncidentIsResolvedAfterTheVariablesWereFixed() {
    // given
    long instance = start("xor-no-default", Map.of("amount", 5));
    StoredIncident incident = incidents(instance).get(0);

    // when
    client.newSetVariablesCommand(incident.elementInstanceKey()).variables(Map.of("amount", 50))
        .send().join();
    client.newResolveIncidentCommand(incident.key()).send().join();

    // then
    assertThat(trace(instance)).containsExactly(
        "xor-no-default:ELEMENT_ACTIVATED",
        "start:ELEMENT_ACTIVATED", "start:ELEMENT_COMPLETED", "to-decide:SEQUENCE_FLOW_TAKEN",
        "decide:ELEMENT_ACTIVATED", "decide:ELEMENT_COMPLETED", "to-medium:SEQUENCE_FLOW_TAKEN",
        "medium:ELEMENT_ACTIVATED", "medium:ELEMENT_COMPLETED",
        "xor-no-default:ELEMENT_COMPLETED");
    assertThat(instanceState(instance)).isEqualTo("COMPLETED");
    assertThat(incidents(instance)).singleElement().extracting(StoredIncident::state).isEqualTo("RESOLVED");
    assertThat(rootVariables(instance)).containsEntry("amount", 50);
  }

  @Test
  void shouldRaiseAnIncidentWhenAConditionIsNotBooleanRatherThanTakeTheDefaultFlow() {
    // when
    long instance = start("xor-non-boolean", Map.of("approved", "yes"));

    // then
    assertThat(incidents(instance)).singleElement().satisfies(incident -> {
      assertThat(incident.errorType()).isEqualTo("EXTRACT_VALUE_ERROR");
      assertThat(incident.errorMessage())
          .isEqualTo("Expected result of the expression 'approved' to be 'BOOLEAN', but was 'STRING'.");
      assertThat(incident.elementId()).isEqualTo("decide");
    });
    assertThat(instanceState(instance)).isEqualTo("ACTIVE");
    assertThat(trace(instance)).doesNotContain("to-other:SEQUENCE_FLOW_TAKEN");

    // and when the variable is fixed, the incident can be resolved
    StoredIncident incident = incidents(instance).get(0);
    client.newSetVariablesCommand(instance).variables(Map.of("approved", true)).send().join();
    client.newResolveIncidentCommand(incident.key()).send().join();

    assertThat(trace(instance)).containsSubsequence(
        "decide:ELEMENT_COMPLETED", "to-approved:SEQUENCE_FLOW_TAKEN", "approved-end:ELEMENT_COMPLETED",
        "xor-non-boolean:ELEMENT_COMPLETED");
    assertThat(instanceState(instance)).isEqualTo("COMPLETED");
  }
}

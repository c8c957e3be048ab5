package io.tandem.engine.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camunda.client.api.command.ProblemException;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.tandem.engine.EngineTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CancelTest extends EngineTest {

  @Test
  void shouldTerminateAnInstanceWaitingAtAServiceTask() {
    // given
    deploy(Bpmn.createExecutableProcess("cancel").startEvent("start").sequenceFlowId("to-task")
        .serviceTask("task", t -> t.zeebeJobType("cancel-work")).endEvent("end")
        .done());
    long instance = start("cancel", Map.of());
    ActivatedJob job = activate("cancel-work", 1).get(0);

    // when
    client.newCancelInstanceCommand(instance).send().join();

    // then
    assertThat(instanceState(instance)).isEqualTo("TERMINATED");
    assertThat(trace(instance)).containsExactly(
        "cancel:ELEMENT_ACTIVATED",
        "start:ELEMENT_ACTIVATED", "start:ELEMENT_COMPLETED", "to-task:SEQUENCE_FLOW_TAKEN",
        "task:ELEMENT_ACTIVATED",
        "task:ELEMENT_TERMINATED", "cancel:ELEMENT_TERMINATED");
    assertThatThrownBy(() -> client.newCompleteCommand(job).send().join())
        .isInstanceOf(ProblemException.class)
        .hasMessageContaining("404")
        .hasMessageContaining("Expected to complete job with key '%d', but no such job was found"
            .formatted(job.getKey()));
    assertThat(activate("cancel-work", 1)).isEmpty();
  }

  @Test
  void shouldRejectCancellingAnInstanceTwiceWithNotFound() {
    // given
    deploy(Bpmn.createExecutableProcess("cancel-twice").startEvent()
        .serviceTask("task", t -> t.zeebeJobType("cancel-twice-work")).endEvent()
        .done());
    long instance = start("cancel-twice", Map.of());
    client.newCancelInstanceCommand(instance).send().join();

    // when / then
    assertThatThrownBy(() -> client.newCancelInstanceCommand(instance).send().join())
        .isInstanceOf(ProblemException.class)
        .hasMessageContaining("404")
        .hasMessageContaining("Expected to cancel a process instance with key '%d', but no such process was found"
            .formatted(instance));
  }

  @Test
  void shouldTerminateEveryActiveBranchAndScope() {
    // given
    deploy(Bpmn.createExecutableProcess("cancel-scopes").startEvent()
        .parallelGateway("fork")
        .subProcess("sub").embeddedSubProcess().startEvent()
        .serviceTask("inner", t -> t.zeebeJobType("cancel-scopes-work")).endEvent()
        .subProcessDone().endEvent()
        .moveToNode("fork").serviceTask("outer", t -> t.zeebeJobType("cancel-scopes-work")).endEvent()
        .done());
    long instance = start("cancel-scopes", Map.of());

    // when
    client.newCancelInstanceCommand(instance).send().join();

    // then
    assertThat(trace(instance)).filteredOn(step -> step.endsWith("TERMINATED")).containsExactlyInAnyOrder(
        "inner:ELEMENT_TERMINATED", "sub:ELEMENT_TERMINATED", "outer:ELEMENT_TERMINATED",
        "cancel-scopes:ELEMENT_TERMINATED");
    assertThat(trace(instance)).last().isEqualTo("cancel-scopes:ELEMENT_TERMINATED");
    assertThat(trace(instance)).containsSubsequence("inner:ELEMENT_TERMINATED", "sub:ELEMENT_TERMINATED");
    assertThat(instanceState(instance)).isEqualTo("TERMINATED");
    assertThat(activate("cancel-scopes-work", 10)).isEmpty();
  }
}

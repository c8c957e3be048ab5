package io.tandem.engine.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camunda.client.api.command.ProblemException;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.tandem.engine.EngineTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ErrorEventTest extends EngineTest {

  @Test
  void shouldCatchAJobErrorWithABoundaryEventForItsCode() {
    // given
    deploy(Bpmn.createExecutableProcess("error-code").startEvent()
        .serviceTask("task", t -> t.zeebeJobType("error-code-work"))
        .boundaryEvent("rejected").error("REJECTED").endEvent("wasRejected")
        .moveToActivity("task").endEvent("done").done());
    long instance = start("error-code", Map.of());
    ActivatedJob job = activate("error-code-work");

    // when
    client.newThrowErrorCommand(job).errorCode("REJECTED").errorMessage("not allowed").send().join();

    // then
    assertThat(trace(instance)).containsSubsequence("task:ELEMENT_ACTIVATED", "task:ELEMENT_TERMINATED",
        "rejected:ELEMENT_ACTIVATED", "rejected:ELEMENT_COMPLETED", "wasRejected:ELEMENT_COMPLETED",
        "error-code:ELEMENT_COMPLETED").doesNotContain("done:ELEMENT_ACTIVATED");
    assertThat(instanceState(instance)).isEqualTo("COMPLETED");
    assertThat(activeIncidents(instance)).isEmpty();
    assertThatThrownBy(() -> client.newCompleteCommand(job).send().join())
        .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.code()).isEqualTo(404));
  }

  @Test
  void shouldCatchAnyJobErrorWithACatchAllBoundaryEvent() {
    // given
    deploy(Bpmn.createExecutableProcess("error-catch-all").startEvent()
        .serviceTask("task", t -> t.zeebeJobType("error-catch-all-work"))
        .boundaryEvent("anyError").error().endEvent("failed")
        .moveToActivity("task").endEvent("done").done());
    long instance = start("error-catch-all", Map.of());

    // when
    client.newThrowErrorCommand(activate("error-catch-all-work")).errorCode("WHATEVER").send().join();

    // then
    assertThat(trace(instance)).containsSubsequence("task:ELEMENT_TERMINATED", "anyError:ELEMENT_COMPLETED",
        "failed:ELEMENT_COMPLETED");
    assertThat(instanceState(instance)).isEqualTo("COMPLETED");
  }

  @Test
  void shouldPreferTheBoundaryEventForTheCodeOverACatchAll() {
    // given
    deploy(Bpmn.createExecutableProcess("error-specific").startEvent()
        .serviceTask("task", t -> t.zeebeJobType("error-specific-work"))
        .boundaryEvent("anyError").error().endEvent("failed")
        .moveToActivity("task").boundaryEvent("rejected").error("REJECTED").endEvent("wasRejected")
        .moveToActivity("task").endEvent("done").done());
    long instance = start("error-specific", Map.of());

    // when
    client.newThrowErrorCommand(activate("error-specific-work")).errorCode("REJECTED").send().join();

    // then
    assertThat(trace(instance)).contains("rejected:ELEMENT_COMPLETED", "wasRejected:ELEMENT_COMPLETED")
        .doesNotContain("anyError:ELEMENT_ACTIVATED");
  }

  @Test
  void shouldCatchAnErrorThrownInsideASubprocessAtTheSubprocess() {
    // given
    deploy(Bpmn.createExecutableProcess("error-sub").startEvent()
        .subProcess("sub").embeddedSubProcess().startEvent("subStart").parallelGateway("fork")
        .serviceTask("failing", t -> t.zeebeJobType("error-sub-failing")).endEvent("subEndA")
        .moveToNode("fork").serviceTask("other", t -> t.zeebeJobType("error-sub-other")).endEvent("subEndB")
        .subProcessDone()
        .boundaryEvent("subError").error("REJECTED").endEvent("handled")
        .moveToActivity("sub").endEvent("done").done());
    long instance = start("error-sub", Map.of());
    ActivatedJob other = activate("error-sub-other");

    // when
    client.newThrowErrorCommand(activate("error-sub-failing")).errorCode("REJECTED").send().join();

    // then
    assertThat(trace(instance)).containsSubsequence("failing:ELEMENT_TERMINATED", "sub:ELEMENT_TERMINATED",
        "subError:ELEMENT_COMPLETED", "handled:ELEMENT_COMPLETED", "error-sub:ELEMENT_COMPLETED")
        .contains("other:ELEMENT_TERMINATED")
        .doesNotContain("sub:ELEMENT_COMPLETED", "done:ELEMENT_ACTIVATED");
    assertThat(instanceState(instance)).isEqualTo("COMPLETED");
    assertThatThrownBy(() -> client.newCompleteCommand(other).send().join())
        .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.code()).isEqualTo(404));
  }

  @Test
  void shouldCatchAnErrorEndEventAtItsSubprocess() {
    // given
    deploy(Bpmn.createExecutableProcess("error-end").startEvent()
        .subProcess("sub").embeddedSubProcess().startEvent("subStart")
        .endEvent("throwing", e -> e.error("NOT_FOUND"))
        .subProcessDone()
        .boundaryEvent("notFound").error("NOT_FOUND").endEvent("handled")
        .moveToActivity("sub").endEvent("done").done());

    // when
    long instance = start("error-end", Map.of());

    // then
    assertThat(trace(instance)).containsSubsequence("throwing:ELEMENT_ACTIVATED", "throwing:ELEMENT_TERMINATED",
        "sub:ELEMENT_TERMINATED", "notFound:ELEMENT_ACTIVATED", "notFound:ELEMENT_COMPLETED",
        "handled:ELEMENT_COMPLETED", "error-end:ELEMENT_COMPLETED")
        .doesNotContain("throwing:ELEMENT_COMPLETED", "done:ELEMENT_ACTIVATED");
    assertThat(instanceState(instance)).isEqualTo("COMPLETED");
  }

  @Test
  void shouldRaiseAnIncidentForAnUncaughtJobError() {
    // given
    deploy(Bpmn.createExecutableProcess("error-uncaught").startEvent()
        .serviceTask("task", t -> t.zeebeJobType("error-uncaught-work")).endEvent().done());
    long instance = start("error-uncaught", Map.of());
    ActivatedJob job = activate("error-uncaught-work");

    // when
    client.newThrowErrorCommand(job).errorCode("REJECTED").errorMessage("no budget").send().join();

    // then
    assertThat(activeIncidents(instance)).containsExactly(Map.of(
        "error_type", "UNHANDLED_ERROR_EVENT",
        "element_id", "task",
        "job_key", job.getKey(),
        "error_message", "Expected to throw an error event with the code 'REJECTED' with message"
            + " 'no budget', but it was not caught. No error events are available in the scope."));
    assertThat(instanceState(instance)).isEqualTo("ACTIVE");
  }

  @Test
  void shouldRaiseAnIncidentForAnUncaughtErrorEndEvent() {
    // given
    deploy(Bpmn.createExecutableProcess("error-end-uncaught").startEvent()
        .endEvent("throwing", e -> e.error("END_CODE")).done());

    // when
    long instance = start("error-end-uncaught", Map.of());

    // then
    assertThat(activeIncidents(instance)).extracting(i -> i.get("error_message")).containsExactly(
        "Expected to throw an error event with the code 'END_CODE', but it was not caught."
            + " No error events are available in the scope.");
    assertThat(activeIncidents(instance)).extracting(i -> i.get("element_id")).containsExactly("throwing");
  }

  @Test
  void shouldNameTheCodesOfTheErrorEventsInScopeWhenNoneMatches() {
    // given
    deploy(Bpmn.createExecutableProcess("error-unmatched").startEvent()
        .serviceTask("task", t -> t.zeebeJobType("error-unmatched-work"))
        .boundaryEvent("rejected").error("REJECTED").endEvent()
        .moveToActivity("task").endEvent().done());
    long instance = start("error-unmatched", Map.of());

    // when
    client.newThrowErrorCommand(activate("error-unmatched-work")).errorCode("OTHER")
        .errorMessage("unexpected").send().join();

    // then
    assertThat(activeIncidents(instance)).extracting(i -> i.get("error_message")).containsExactly(
        "Expected to throw an error event with the code 'OTHER' with message 'unexpected', but it was"
            + " not caught. Available error events are [REJECTED]");
    assertThat(trace(instance)).doesNotContain("task:ELEMENT_TERMINATED");
  }

  @Test
  void shouldMakeTheErrorVariablesAvailableAfterTheCatch() {
    // given
    deploy(Bpmn.createExecutableProcess("error-variables").startEvent()
        .serviceTask("task", t -> t.zeebeJobType("error-variables-work"))
        .boundaryEvent("rejected").error("REJECTED")
        .serviceTask("handle", t -> t.zeebeJobType("error-variables-handle"))
        .moveToActivity("task").endEvent("done").done());
    long instance = start("error-variables", Map.of("orderId", "o-1"));

    // when
    client.newThrowErrorCommand(activate("error-variables-work")).errorCode("REJECTED")
        .variables(Map.of("reason", "out of stock")).send().join();

    // then
    ActivatedJob handler = activate("error-variables-handle");
    assertThat(handler.getVariablesAsMap()).containsEntry("reason", "out of stock")
        .containsEntry("orderId", "o-1");
    assertThat(rootVariables(instance)).containsEntry("reason", "out of stock");
  }

  private ActivatedJob activate(String type) {
    List<ActivatedJob> jobs = client.newActivateJobsCommand().jobType(type).maxJobsToActivate(1)
        .send().join().getJobs();
    assertThat(jobs).hasSize(1);
    return jobs.get(0);
  }

  private List<Map<String, Object>> activeIncidents(long instance) {
    return jdbc.queryForList("""
        select error_type, element_id, job_key, error_message from engine_incident
        where process_instance_key = ? and state = 'ACTIVE'""", instance).stream()
        .map(row -> {
          Map<String, Object> copy = new java.util.HashMap<>(row);
          copy.values().removeIf(java.util.Objects::isNull);
          return (Map<String, Object>) copy;
        }).toList();
  }
}

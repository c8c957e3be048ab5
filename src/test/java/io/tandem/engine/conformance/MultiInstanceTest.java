package io.tandem.engine.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camunda.client.api.command.ProblemException;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.model.bpmn.builder.MultiInstanceLoopCharacteristicsBuilder;
import io.tandem.engine.EngineTest;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class MultiInstanceTest extends EngineTest {

  private static BpmnModelInstance multiInstance(String id, String jobType,
      Consumer<MultiInstanceLoopCharacteristicsBuilder> loop) {
    return Bpmn.createExecutableProcess(id).startEvent("start").sequenceFlowId("to-task")
        .serviceTask("task", t -> t.zeebeJobType(jobType).multiInstance(mi -> {
          mi.zeebeInputCollectionExpression("items").zeebeInputElement("item")
              .zeebeOutputCollection("results").zeebeOutputElementExpression("result");
          loop.accept(mi);
        }))
        .sequenceFlowId("to-end").endEvent("end")
        .done();
  }

  /** The task's records as "elementType:INTENT": the body is MULTI_INSTANCE_BODY, inner instances SERVICE_TASK. */
  private List<String> taskTrace(long instance) {
    return jdbc.queryForList("""
        select element_type || ':' || intent from engine_record
        where process_instance_key = ? and value_type = 'PROCESS_INSTANCE' and element_id = 'task'
          and intent in ('ELEMENT_ACTIVATED', 'ELEMENT_COMPLETED', 'ELEMENT_TERMINATED')
        order by position, record_index""", String.class, instance);
  }

  private static int loopCounter(ActivatedJob job) {
    return ((Number) job.getVariablesAsMap().get("loopCounter")).intValue();
  }

  @Test
  void shouldRunParallelInstancesAndCollectTheOutputInInputOrder() {
    // given
    deploy(multiInstance("mi-parallel", "mi-parallel-work", mi -> mi.parallel()));
    long instance = start("mi-parallel", Map.of("items", List.of(10, 20, 30)));

    // when
    List<ActivatedJob> jobs = activate("mi-parallel-work", 10);

    // then every instance sees its own item and loop counter
    assertThat(jobs).hasSize(3);
    assertThat(jobs).allSatisfy(job ->
        assertThat(job.getVariablesAsMap().get("item")).isEqualTo(loopCounter(job) * 10));
    assertThat(jobs).extracting(MultiInstanceTest::loopCounter).containsExactlyInAnyOrder(1, 2, 3);

    // when completed in reverse order
    jobs.stream().sorted(Comparator.comparing(MultiInstanceTest::loopCounter).reversed()).forEach(job ->
        client.newCompleteCommand(job).variables(Map.of("result", "r" + job.getVariablesAsMap().get("item")))
            .send().join());

    // then
    assertThat(taskTrace(instance)).containsExactly(
        "MULTI_INSTANCE_BODY:ELEMENT_ACTIVATED",
        "SERVICE_TASK:ELEMENT_ACTIVATED", "SERVICE_TASK:ELEMENT_ACTIVATED", "SERVICE_TASK:ELEMENT_ACTIVATED",
        "SERVICE_TASK:ELEMENT_COMPLETED", "SERVICE_TASK:ELEMENT_COMPLETED", "SERVICE_TASK:ELEMENT_COMPLETED",
        "MULTI_INSTANCE_BODY:ELEMENT_COMPLETED");
    assertThat(trace(instance)).endsWith(
        "task:ELEMENT_COMPLETED", "to-end:SEQUENCE_FLOW_TAKEN", "end:ELEMENT_ACTIVATED",
        "end:ELEMENT_COMPLETED", "mi-parallel:ELEMENT_COMPLETED");
    assertThat(instanceState(instance)).isEqualTo("COMPLETED");
    // the output element variable is local to each instance: it doesn't leak to the process
    assertThat(rootVariables(instance)).containsOnly(
        Map.entry("items", List.of(10, 20, 30)), Map.entry("results", List.of("r10", "r20", "r30")));
  }

  @Test
  void shouldRunSequentialInstancesOneAfterTheOther() {
    // given
    deploy(multiInstance("mi-sequential", "mi-sequential-work", mi -> mi.sequential()));
    long instance = start("mi-sequential", Map.of("items", List.of("a", "b", "c")));

    // when / then
    for (String item : List.of("a", "b", "c")) {
      List<ActivatedJob> jobs = activate("mi-sequential-work", 10);
      assertThat(jobs).singleElement().satisfies(job -> {
        assertThat(job.getVariablesAsMap()).containsEntry("item", item)
            .containsEntry("loopCounter", List.of("a", "b", "c").indexOf(item) + 1);
      });
      client.newCompleteCommand(jobs.get(0)).variables(Map.of("result", item.toUpperCase())).send().join();
    }

    assertThat(taskTrace(instance)).containsExactly(
        "MULTI_INSTANCE_BODY:ELEMENT_ACTIVATED",
        "SERVICE_TASK:ELEMENT_ACTIVATED", "SERVICE_TASK:ELEMENT_COMPLETED",
        "SERVICE_TASK:ELEMENT_ACTIVATED", "SERVICE_TASK:ELEMENT_COMPLETED",
        "SERVICE_TASK:ELEMENT_ACTIVATED", "SERVICE_TASK:ELEMENT_COMPLETED",
        "MULTI_INSTANCE_BODY:ELEMENT_COMPLETED");
    assertThat(instanceState(instance)).isEqualTo("COMPLETED");
    assertThat(rootVariables(instance)).containsEntry("results", List.of("A", "B", "C"))
        .doesNotContainKeys("item", "loopCounter", "result");
  }

  @Test
  void shouldTerminateTheRemainingInstancesOnceTheCompletionConditionHolds() {
    // given
    deploy(multiInstance("mi-condition", "mi-condition-work",
        mi -> mi.parallel().completionCondition("= numberOfCompletedInstances >= 2")));
    long instance = start("mi-condition", Map.of("items", List.of(1, 2, 3)));
    List<ActivatedJob> jobs = activate("mi-condition-work", 10).stream()
        .sorted(Comparator.comparing(MultiInstanceTest::loopCounter)).toList();

    // when
    client.newCompleteCommand(jobs.get(2)).variables(Map.of("result", "third")).send().join();
    assertThat(instanceState(instance)).isEqualTo("ACTIVE");
    client.newCompleteCommand(jobs.get(1)).variables(Map.of("result", "second")).send().join();

    // then
    assertThat(taskTrace(instance)).containsExactly(
        "MULTI_INSTANCE_BODY:ELEMENT_ACTIVATED",
        "SERVICE_TASK:ELEMENT_ACTIVATED", "SERVICE_TASK:ELEMENT_ACTIVATED", "SERVICE_TASK:ELEMENT_ACTIVATED",
        "SERVICE_TASK:ELEMENT_COMPLETED", "SERVICE_TASK:ELEMENT_COMPLETED", "SERVICE_TASK:ELEMENT_TERMINATED",
        "MULTI_INSTANCE_BODY:ELEMENT_COMPLETED");
    assertThat(instanceState(instance)).isEqualTo("COMPLETED");
    assertThat(rootVariables(instance).get("results")).isEqualTo(Arrays.asList(null, "second", "third"));
    assertThatThrownBy(() -> client.newCompleteCommand(jobs.get(0)).send().join())
        .isInstanceOf(ProblemException.class).hasMessageContaining("404");
  }

  @Test
  void shouldCompleteAtOnceForAnEmptyCollection() {
    // given
    deploy(multiInstance("mi-empty", "mi-empty-work", mi -> mi.parallel()));

    // when
    long instance = start("mi-empty", Map.of("items", List.of()));

    // then
    assertThat(taskTrace(instance)).containsExactly(
        "MULTI_INSTANCE_BODY:ELEMENT_ACTIVATED", "MULTI_INSTANCE_BODY:ELEMENT_COMPLETED");
    assertThat(instanceState(instance)).isEqualTo("COMPLETED");
    assertThat(rootVariables(instance)).containsEntry("results", List.of());
    assertThat(activate("mi-empty-work", 10)).isEmpty();
  }

  @Test
  void shouldRaiseAnIncidentWhenTheInputCollectionIsNotAList() {
    // given
    deploy(multiInstance("mi-not-a-list", "mi-not-a-list-work", mi -> mi.parallel()));

    // when
    long instance = start("mi-not-a-list", Map.of("items", "abc"));

    // then
    assertThat(incidents(instance)).singleElement().satisfies(incident -> {
      assertThat(incident.errorType()).isEqualTo("EXTRACT_VALUE_ERROR");
      assertThat(incident.errorMessage())
          .isEqualTo("Expected result of the expression 'items' to be 'ARRAY', but was 'STRING'.");
      assertThat(incident.elementId()).isEqualTo("task");
    });
    assertThat(instanceState(instance)).isEqualTo("ACTIVE");
    assertThat(taskTrace(instance)).isEmpty();

    // and when the collection is fixed, resolving the incident activates the instances
    client.newSetVariablesCommand(instance).variables(Map.of("items", List.of("x"))).send().join();
    client.newResolveIncidentCommand(incidents(instance).get(0).key()).send().join();
    assertThat(activate("mi-not-a-list-work", 10)).singleElement()
        .satisfies(job -> assertThat(job.getVariablesAsMap()).containsEntry("item", "x"));
  }
}

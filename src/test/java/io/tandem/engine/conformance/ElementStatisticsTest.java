package io.tandem.engine.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.statistics.response.ProcessElementStatistics;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.tandem.engine.EngineTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ElementStatisticsTest extends EngineTest {

  @Test
  void shouldCountActiveCompletedCanceledAndIncidentInstancesPerElement() {
    // given three instances: one waits at the task, one has an incident there, one was canceled
    long definition = deploy(Bpmn.createExecutableProcess("element-statistics").startEvent("start")
        .serviceTask("work", t -> t.zeebeJobType("element-statistics-work")).endEvent("end")
        .done());
    start("element-statistics", Map.of());
    start("element-statistics", Map.of());
    long canceled = start("element-statistics", Map.of());
    client.newCancelInstanceCommand(canceled).send().join();
    ActivatedJob failing = activate("element-statistics-work", 1).get(0);
    client.newFailCommand(failing).retries(0).errorMessage("boom").send().join();

    // when
    List<ProcessElementStatistics> statistics =
        client.newProcessDefinitionElementStatisticsRequest(definition).send().join();

    // then
    assertThat(statistics).extracting(ProcessElementStatistics::getElementId).containsExactly("start", "work");
    assertThat(statistics.get(0).getCompleted()).isEqualTo(3);
    ProcessElementStatistics work = statistics.get(1);
    assertThat(work.getActive()).isEqualTo(1);
    assertThat(work.getIncidents()).isEqualTo(1);
    assertThat(work.getCanceled()).isEqualTo(1);
    assertThat(work.getCompleted()).isZero();
  }
}

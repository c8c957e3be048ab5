package io.tandem.engine.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camunda.client.api.command.ProblemException;
import io.camunda.client.api.response.DeploymentEvent;
import io.camunda.client.api.response.Process;
import io.camunda.client.api.response.ProcessInstanceEvent;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.tandem.engine.EngineTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeploymentTest extends EngineTest {

  @Test
  void shouldKeepTheVersionWhenTheSameResourceIsDeployedAgain() {
    // given
    BpmnModelInstance model = Bpmn.createExecutableProcess("dep-same").startEvent().endEvent().done();
    Process first = deployOne(model, "dep-same.bpmn");

    // when
    Process second = deployOne(model, "dep-same.bpmn");

    // then
    assertThat(first.getVersion()).isEqualTo(1);
    assertThat(second.getVersion()).isEqualTo(1);
    assertThat(second.getProcessDefinitionKey()).isEqualTo(first.getProcessDefinitionKey());
  }

  @Test
  void shouldCreateANewVersionWhenTheResourceChanged() {
    // given
    Process first = deployOne(Bpmn.createExecutableProcess("dep-changed").startEvent().endEvent().done(),
        "dep-changed.bpmn");

    // when
    Process second = deployOne(Bpmn.createExecutableProcess("dep-changed").name("Changed")
        .startEvent().endEvent().done(), "dep-changed.bpmn");

    // then
    assertThat(first.getVersion()).isEqualTo(1);
    assertThat(second.getVersion()).isEqualTo(2);
    assertThat(second.getProcessDefinitionKey()).isNotEqualTo(first.getProcessDefinitionKey());
  }

  @Test
  void shouldDeploySeveralResourcesAtOnce() {
    // when
    DeploymentEvent deployment = client.newDeployResourceCommand()
        .addProcessModel(Bpmn.createExecutableProcess("dep-many-a").startEvent().endEvent().done(), "a.bpmn")
        .addProcessModel(Bpmn.createExecutableProcess("dep-many-b").startEvent().endEvent().done(), "b.bpmn")
        .send().join();

    // then
    assertThat(deployment.getKey()).isPositive();
    assertThat(deployment.getProcesses()).extracting(Process::getBpmnProcessId, Process::getResourceName,
        Process::getVersion).containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("dep-many-a", "a.bpmn", 1),
            org.assertj.core.groups.Tuple.tuple("dep-many-b", "b.bpmn", 1));
  }

  @Test
  void shouldRejectAServiceTaskWithoutAJobType() {
    // given
    BpmnModelInstance model = Bpmn.createExecutableProcess("dep-no-type").startEvent()
        .serviceTask("untyped").endEvent().done();

    // when / then
    assertRejected(model, "no-type.bpmn", "untyped", "'no-type.bpmn': - Element: untyped\n"
        + "    - ERROR: Must have exactly one 'zeebe:taskDefinition' extension element");
    assertNotDeployed("dep-no-type");
  }

  @Test
  void shouldRejectAConditionThatIsNotFeel() {
    // given
    BpmnModelInstance model = Bpmn.createExecutableProcess("dep-bad-feel").startEvent()
        .exclusiveGateway("gateway")
        .sequenceFlowId("broken").conditionExpression("= amount >").endEvent()
        .moveToNode("gateway").sequenceFlowId("otherwise").conditionExpression("= true").endEvent().done();

    // when / then
    assertRejected(model, "bad-feel.bpmn", "broken", "failed to parse expression");
    assertNotDeployed("dep-bad-feel");
  }

  @Test
  void shouldRejectAnElementTheEngineDoesNotSupport() {
    // given: Camunda 8.8 runs signal events; Tandem's engine rejects them at deployment
    BpmnModelInstance model = Bpmn.createExecutableProcess("dep-signal").startEvent()
        .intermediateCatchEvent("signalled").signal("go").endEvent().done();

    // when / then
    assertRejected(model, "signal.bpmn", "signalled", "not support");
    assertNotDeployed("dep-signal");
  }

  @Test
  void shouldDeployNothingOfARequestWithAnInvalidResource() {
    // given
    BpmnModelInstance valid = Bpmn.createExecutableProcess("dep-all-or-nothing").startEvent().endEvent().done();
    BpmnModelInstance invalid = Bpmn.createExecutableProcess("dep-all-or-nothing-bad").startEvent()
        .serviceTask("untyped").endEvent().done();

    // when
    assertThatThrownBy(() -> client.newDeployResourceCommand()
        .addProcessModel(valid, "valid.bpmn").addProcessModel(invalid, "invalid.bpmn").send().join())
        .isInstanceOfSatisfying(ProblemException.class, e -> {
          assertThat(e.code()).isEqualTo(400);
          assertThat(e.details().getDetail()).contains("'invalid.bpmn'", "untyped")
              .doesNotContain("'valid.bpmn'");
        });

    // then
    assertNotDeployed("dep-all-or-nothing");
    assertNotDeployed("dep-all-or-nothing-bad");
  }

  @Test
  void shouldAnswerARejectedDeploymentWithProblemJson() throws Exception {
    // given
    String xml = Bpmn.convertToString(Bpmn.createExecutableProcess("dep-raw").startEvent()
        .serviceTask("untyped").endEvent().done());
    String boundary = "tandem-test-boundary";
    String body = "--" + boundary + "\r\n"
        + "Content-Disposition: form-data; name=\"resources\"; filename=\"raw.bpmn\"\r\n"
        + "Content-Type: application/xml\r\n\r\n" + xml + "\r\n--" + boundary + "--\r\n";
    URI uri = client.getConfiguration().getRestAddress().resolve("/v2/deployments");

    // when
    HttpRequest.Builder request = HttpRequest.newBuilder(uri)
        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(HttpRequest.BodyPublishers.ofString(body));
    engineCredentials.applyCredentials(request::header);
    HttpResponse<String> response = HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());

    // then
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
        assertThat(type).startsWith("application/problem+json"));
    assertThat(response.body()).contains("\"title\":\"INVALID_ARGUMENT\"", "raw.bpmn", "untyped");
  }

  @Test
  void shouldRejectCreatingAnInstanceOfAnUnknownProcess() {
    assertThatThrownBy(() -> client.newCreateInstanceCommand().bpmnProcessId("dep-unknown")
        .latestVersion().send().join())
        .isInstanceOfSatisfying(ProblemException.class, e -> {
          assertThat(e.code()).isEqualTo(404);
          assertThat(e.details().getTitle()).isEqualTo("NOT_FOUND");
          assertThat(e.details().getDetail()).contains(
              "Expected to find process definition with process ID 'dep-unknown', but none found");
        });
  }

  @Test
  void shouldCreateAnInstanceOfASpecificVersion() {
    // given
    Process v1 = deployOne(Bpmn.createExecutableProcess("dep-version").startEvent().endEvent().done(),
        "dep-version.bpmn");
    Process v2 = deployOne(Bpmn.createExecutableProcess("dep-version").name("Second")
        .startEvent().endEvent().done(), "dep-version.bpmn");

    // when
    ProcessInstanceEvent byVersion = client.newCreateInstanceCommand().bpmnProcessId("dep-version")
        .version(1).send().join();
    ProcessInstanceEvent latest = client.newCreateInstanceCommand().bpmnProcessId("dep-version")
        .latestVersion().send().join();

    // then
    assertThat(byVersion.getVersion()).isEqualTo(1);
    assertThat(byVersion.getProcessDefinitionKey()).isEqualTo(v1.getProcessDefinitionKey());
    assertThat(latest.getVersion()).isEqualTo(2);
    assertThat(latest.getProcessDefinitionKey()).isEqualTo(v2.getProcessDefinitionKey());
    assertThatThrownBy(() -> client.newCreateInstanceCommand().bpmnProcessId("dep-version")
        .version(3).send().join())
        .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.code()).isEqualTo(404));
  }

  @Test
  void shouldCreateAnInstanceByProcessDefinitionKey() {
    // given
    Process v1 = deployOne(Bpmn.createExecutableProcess("dep-by-key").startEvent().endEvent().done(),
        "dep-by-key.bpmn");
    deployOne(Bpmn.createExecutableProcess("dep-by-key").name("Second").startEvent().endEvent().done(),
        "dep-by-key.bpmn");

    // when
    ProcessInstanceEvent instance = client.newCreateInstanceCommand()
        .processDefinitionKey(v1.getProcessDefinitionKey()).variables(Map.of("x", 1)).send().join();

    // then
    assertThat(instance.getBpmnProcessId()).isEqualTo("dep-by-key");
    assertThat(instance.getVersion()).isEqualTo(1);
    assertThat(instance.getProcessDefinitionKey()).isEqualTo(v1.getProcessDefinitionKey());
    assertThat(instanceState(instance.getProcessInstanceKey())).isEqualTo("COMPLETED");
    assertThatThrownBy(() -> client.newCreateInstanceCommand().processDefinitionKey(123L).send().join())
        .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.code()).isEqualTo(404));
  }

  private Process deployOne(BpmnModelInstance model, String resourceName) {
    return client.newDeployResourceCommand().addProcessModel(model, resourceName).send().join()
        .getProcesses().get(0);
  }

  private void assertRejected(BpmnModelInstance model, String resourceName, String elementId, String reason) {
    assertThatThrownBy(() -> client.newDeployResourceCommand().addProcessModel(model, resourceName)
        .send().join())
        .isInstanceOfSatisfying(ProblemException.class, e -> {
          assertThat(e.code()).isEqualTo(400);
          assertThat(e.details().getTitle()).isEqualTo("INVALID_ARGUMENT");
          assertThat(e.details().getDetail()).startsWith("Command 'CREATE' rejected with code"
              + " 'INVALID_ARGUMENT': Expected to deploy new resources, but encountered the following errors:\n")
              .contains("'" + resourceName + "'", elementId, reason);
        });
  }

  private void assertNotDeployed(String bpmnProcessId) {
    assertThat(jdbc.queryForObject("select count(*) from engine_resource where resource_id = ?",
        Integer.class, bpmnProcessId)).isZero();
    assertThatThrownBy(() -> client.newCreateInstanceCommand().bpmnProcessId(bpmnProcessId)
        .latestVersion().send().join())
        .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.code()).isEqualTo(404));
  }
}

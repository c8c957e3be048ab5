package io.tandem.engine.api.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.CamundaFuture;
import io.camunda.client.api.command.ClientStatusException;
import io.camunda.client.api.response.ActivateJobsResponse;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.response.DeploymentEvent;
import io.camunda.client.api.response.PartitionBrokerHealth;
import io.camunda.client.api.response.PartitionBrokerRole;
import io.camunda.client.api.response.Topology;
import io.camunda.client.api.search.enums.JobKind;
import io.camunda.client.api.search.enums.ListenerEventType;
import io.camunda.client.api.search.response.UserTask;
import io.camunda.client.api.worker.JobWorker;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.gateway.protocol.GatewayGrpc;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.TopologyRequest;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.StreamActivatedJobsRequest;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.stub.MetadataUtils;
import io.tandem.testsupport.TestUsers;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.tandem.engine.EngineTest;
import io.tandem.engine.processing.Engine;
import org.springframework.beans.factory.annotation.Autowired;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The unmodified Camunda client over gRPC against the engine's gateway: every method it implements. */
class GrpcGatewayTest extends EngineTest {

  private static final String DMN = """
      <?xml version="1.0" encoding="UTF-8"?>
      <definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/"
                   id="grpc-discount-drg" name="Discounts" namespace="http://tandem.io/dmn/grpc">
        <decision id="grpc-discount" name="Discount">
          <decisionTable id="grpc-discount-table" hitPolicy="FIRST">
            <input id="grpc-input-tier" label="Tier">
              <inputExpression id="grpc-input-tier-expr" typeRef="string"><text>tier</text></inputExpression>
            </input>
            <output id="grpc-output-discount" label="Discount" name="discount" typeRef="number"/>
            <rule id="grpc-rule-gold">
              <inputEntry id="grpc-r1-in"><text>"gold"</text></inputEntry>
              <outputEntry id="grpc-r1-out"><text>20</text></outputEntry>
            </rule>
            <rule id="grpc-rule-other">
              <inputEntry id="grpc-r2-in"><text>-</text></inputEntry>
              <outputEntry id="grpc-r2-out"><text>0</text></outputEntry>
            </rule>
          </decisionTable>
        </decision>
      </definitions>
      """;
  private static final String FORM = """
      {"id": "grpc-form", "type": "default", "components": [{"key": "answer", "label": "Answer", "type": "textfield"}]}
      """;

  private final Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
  private CamundaClient grpc;
  @Autowired private Engine engine;

  @BeforeAll
  void connectOverGrpc() {
    grpc = grpcClient();
  }

  @AfterAll
  void disconnectFromGrpc() {
    grpc.close();
  }

  @AfterEach
  void resetClock() {
    client.newResetClockCommand().send().join();
  }

  // ------------------------------------------------------------------ cluster and deployments

  @Test
  void shouldAnswerTheTopologyOfOneBrokerLeadingOnePartition() {
    // when
    Topology topology = grpc.newTopologyRequest().send().join();

    // then
    assertThat(topology.getClusterSize()).isEqualTo(1);
    assertThat(topology.getPartitionsCount()).isEqualTo(1);
    assertThat(topology.getGatewayVersion()).isEqualTo("8.8.5");
    assertThat(topology.getBrokers()).singleElement().satisfies(broker -> {
      assertThat(broker.getNodeId()).isZero();
      assertThat(broker.getPartitions()).singleElement().satisfies(partition -> {
        assertThat(partition.getPartitionId()).isEqualTo(1);
        assertThat(partition.getRole()).isEqualTo(PartitionBrokerRole.LEADER);
        assertThat(partition.getHealth()).isEqualTo(PartitionBrokerHealth.HEALTHY);
      });
    });
  }

  @Test
  void shouldDeployAProcessADecisionAndAFormInOneDeployment() {
    // when
    DeploymentEvent deployment = grpc.newDeployResourceCommand()
        .addProcessModel(serviceTask("grpc-deploy"), "grpc-deploy.bpmn")
        .addResourceStringUtf8(DMN, "grpc-discount.dmn")
        .addResourceStringUtf8(FORM, "grpc-form.form")
        .send().join();

    // then
    assertThat(deployment.getKey()).isPositive();
    assertThat(deployment.getTenantId()).isEqualTo("<default>");
    assertThat(deployment.getProcesses()).singleElement().satisfies(p -> {
      assertThat(p.getBpmnProcessId()).isEqualTo("grpc-deploy");
      assertThat(p.getVersion()).isEqualTo(1);
      assertThat(p.getProcessDefinitionKey()).isPositive();
      assertThat(p.getResourceName()).isEqualTo("grpc-deploy.bpmn");
    });
    assertThat(deployment.getDecisions()).singleElement().satisfies(d -> {
      assertThat(d.getDmnDecisionId()).isEqualTo("grpc-discount");
      assertThat(d.getDmnDecisionName()).isEqualTo("Discount");
      assertThat(d.getDmnDecisionRequirementsId()).isEqualTo("grpc-discount-drg");
      assertThat(d.getDecisionRequirementsKey()).isPositive();
    });
    assertThat(deployment.getDecisionRequirements()).singleElement()
        .satisfies(drg -> assertThat(drg.getDmnDecisionRequirementsName()).isEqualTo("Discounts"));
    assertThat(deployment.getForm()).singleElement().satisfies(f -> {
      assertThat(f.getFormId()).isEqualTo("grpc-form");
      assertThat(f.getResourceName()).isEqualTo("grpc-form.form");
    });
  }

  @Test
  void shouldRejectAnUnreadableDeploymentAsInvalidArgument() {
    assertStatus(() -> grpc.newDeployResourceCommand().addResourceStringUtf8("<definitions", "broken.bpmn")
        .send().join(), Status.Code.INVALID_ARGUMENT, "rejected with code 'INVALID_ARGUMENT'");
  }

  // ------------------------------------------------------------------ process instances

  @Test
  void shouldCreateAnInstanceThatRunsToItsFirstJob() {
    // given
    deployOverGrpc(serviceTask("grpc-create"));

    // when
    var created = grpc.newCreateInstanceCommand().bpmnProcessId("grpc-create").latestVersion()
        .variables(Map.of("orderId", "A-17", "amount", 120)).send().join();

    // then
    assertThat(created.getBpmnProcessId()).isEqualTo("grpc-create");
    assertThat(created.getVersion()).isEqualTo(1);
    assertThat(created.getTenantId()).isEqualTo("<default>");
    assertThat(trace(created.getProcessInstanceKey())).containsExactly(
        "grpc-create:ELEMENT_ACTIVATED", "start:ELEMENT_ACTIVATED", "start:ELEMENT_COMPLETED",
        "to-task:SEQUENCE_FLOW_TAKEN", "task:ELEMENT_ACTIVATED");
    assertThat(rootVariables(created.getProcessInstanceKey())).containsEntry("orderId", "A-17")
        .containsEntry("amount", 120);
  }

  @Test
  void shouldCreateAnInstanceByTheKeyOfItsProcessDefinition() {
    // given
    long definitionKey = deployOverGrpc(serviceTask("grpc-by-key"));

    // when
    var created = grpc.newCreateInstanceCommand().processDefinitionKey(definitionKey).send().join();

    // then
    assertThat(created.getProcessDefinitionKey()).isEqualTo(definitionKey);
    assertThat(instanceState(created.getProcessInstanceKey())).isEqualTo("ACTIVE");
  }

  @Test
  void shouldRejectCreatingAnInstanceOfAnUnknownProcessAsNotFound() {
    assertStatus(() -> grpc.newCreateInstanceCommand().bpmnProcessId("grpc-nowhere").latestVersion().send().join(),
        Status.Code.NOT_FOUND, "Command 'CREATE' rejected with code 'NOT_FOUND': Expected to find process"
            + " definition with process ID 'grpc-nowhere', but none found");
  }

  @Test
  void shouldRejectVariablesThatAreNotAJsonObjectAsInvalidArgument() {
    // given
    deployOverGrpc(serviceTask("grpc-bad-variables"));

    // then
    assertStatus(() -> grpc.newCreateInstanceCommand().bpmnProcessId("grpc-bad-variables").latestVersion()
        .variables("[1, 2]").send().join(), Status.Code.INVALID_ARGUMENT,
        "Expected variables to be a JSON object, but they were a JSON array");
  }

  @Test
  void shouldCreateAnInstanceWithResultAndAnswerWithTheFetchedVariables() {
    // given
    deployOverGrpc(Bpmn.createExecutableProcess("grpc-with-result").startEvent()
        .scriptTask("total", t -> t.zeebeExpression("amount * 2").zeebeResultVariable("total")).endEvent().done());

    // when
    var result = grpc.newCreateInstanceCommand().bpmnProcessId("grpc-with-result").latestVersion()
        .variables(Map.of("amount", 21, "note", "left out")).withResult().fetchVariables("total").send().join();

    // then
    assertThat(result.getVariablesAsMap()).containsExactly(Map.entry("total", 42));
    assertThat(result.getBpmnProcessId()).isEqualTo("grpc-with-result");
    assertThat(instanceState(result.getProcessInstanceKey())).isEqualTo("COMPLETED");
  }

  @Test
  void shouldAnswerDeadlineExceededWhenAnInstanceCreatedWithResultDoesNotEndInTime() {
    // given
    deployOverGrpc(serviceTask("grpc-result-timeout"));

    // then
    assertStatus(() -> grpc.newCreateInstanceCommand().bpmnProcessId("grpc-result-timeout").latestVersion()
        .withResult().requestTimeout(Duration.ofMillis(500)).send().join(),
        Status.Code.DEADLINE_EXCEEDED, "within PT0.5S, but it did not");
  }

  @Test
  void shouldCancelAnInstance() {
    // given
    deployOverGrpc(serviceTask("grpc-cancel"));
    long instance = startOverGrpc("grpc-cancel", Map.of());

    // when
    grpc.newCancelInstanceCommand(instance).send().join();

    // then
    assertThat(instanceState(instance)).isEqualTo("TERMINATED");
    assertThat(trace(instance)).endsWith("task:ELEMENT_TERMINATED", "grpc-cancel:ELEMENT_TERMINATED");
    assertStatus(() -> grpc.newCancelInstanceCommand(instance).send().join(), Status.Code.NOT_FOUND,
        "Command 'CANCEL' rejected with code 'NOT_FOUND'");
  }

  @Test
  void shouldSetVariablesOnAnElementInstance() {
    // given
    deployOverGrpc(serviceTask("grpc-set-variables"));
    long instance = startOverGrpc("grpc-set-variables", Map.of("status", "new"));
    long task = elementInstanceKey(instance, "task");

    // when
    var global = grpc.newSetVariablesCommand(task).variables(Map.of("status", "checked")).send().join();
    grpc.newSetVariablesCommand(task).variables(Map.of("attempt", 1)).local(true).send().join();

    // then
    assertThat(global.getKey()).isPositive();
    assertThat(rootVariables(instance)).containsEntry("status", "checked").doesNotContainKey("attempt");
    assertThat(localVariables(instance, task)).containsEntry("attempt", 1);
    assertStatus(() -> grpc.newSetVariablesCommand(1L).variables(Map.of("a", 1)).send().join(),
        Status.Code.NOT_FOUND, "Expected to update variables for element with key '1'");
  }

  // ------------------------------------------------------------------ jobs

  @Test
  void shouldActivateAJobAndCompleteItWithVariables() {
    // given
    deployOverGrpc(serviceTask("grpc-complete"));
    long instance = startOverGrpc("grpc-complete", Map.of("orderId", "A-17"));

    // when
    ActivatedJob job = activateOverGrpc("grpc-complete-work");
    grpc.newCompleteCommand(job).variables(Map.of("shipped", true)).send().join();

    // then
    assertThat(job.getProcessInstanceKey()).isEqualTo(instance);
    assertThat(job.getBpmnProcessId()).isEqualTo("grpc-complete");
    assertThat(job.getElementId()).isEqualTo("task");
    assertThat(job.getWorker()).isEqualTo("grpc-test");
    assertThat(job.getRetries()).isEqualTo(3);
    assertThat(job.getCustomHeaders()).containsEntry("region", "eu");
    assertThat(job.getVariablesAsMap()).containsEntry("orderId", "A-17");
    assertThat(job.getKind()).isEqualTo(JobKind.BPMN_ELEMENT);
    assertThat(job.getTenantId()).isEqualTo("<default>");
    assertThat(instanceState(instance)).isEqualTo("COMPLETED");
    assertThat(rootVariables(instance)).containsEntry("shipped", true);
    assertThat(trace(instance)).endsWith("task:ELEMENT_COMPLETED", "to-end:SEQUENCE_FLOW_TAKEN",
        "end:ELEMENT_ACTIVATED", "end:ELEMENT_COMPLETED", "grpc-complete:ELEMENT_COMPLETED");
  }

  @Test
  void shouldHandAJobCreatedLaterToAWaitingLongPoll() {
    // given
    deployOverGrpc(serviceTask("grpc-long-poll"));
    long requested = System.nanoTime();
    CamundaFuture<ActivateJobsResponse> waiting = grpc.newActivateJobsCommand().jobType("grpc-long-poll-work")
        .maxJobsToActivate(1).requestTimeout(Duration.ofSeconds(10)).send();
    await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> !waiting.isDone());

    // when
    long instance = startOverGrpc("grpc-long-poll", Map.of());

    // then
    List<ActivatedJob> jobs = waiting.join().getJobs();
    assertThat(jobs).extracting(ActivatedJob::getProcessInstanceKey).containsExactly(instance);
    assertThat(Duration.ofNanos(System.nanoTime() - requested)).isLessThan(Duration.ofSeconds(5));
  }

  @Test
  void shouldAnswerALongPollWithoutJobsWhenItsRequestTimeoutEnds() {
    // given
    long requested = System.nanoTime();

    // when
    List<ActivatedJob> jobs = grpc.newActivateJobsCommand().jobType("grpc-nothing-work").maxJobsToActivate(5)
        .requestTimeout(Duration.ofMillis(800)).send().join().getJobs();

    // then
    assertThat(jobs).isEmpty();
    assertThat(Duration.ofNanos(System.nanoTime() - requested)).isBetween(Duration.ofMillis(500), Duration.ofSeconds(5));
  }

  @Test
  void shouldRejectAnActivationWithoutATypeOrOfNoJobsAsInvalidArgument() {
    assertStatus(() -> grpc.newActivateJobsCommand().jobType("").maxJobsToActivate(1).send().join(),
        Status.Code.INVALID_ARGUMENT, "Expected a job type to activate, but none was given");
    assertStatus(() -> grpc.newActivateJobsCommand().jobType("grpc-any-work").maxJobsToActivate(0).send().join(),
        Status.Code.INVALID_ARGUMENT, "Expected maxJobsToActivate to be greater than 0, but was 0");
  }

  @Test
  void shouldFailAJobWithABackoffAndMakeItActivatableAfterIt() {
    // given
    pin(start);
    deployOverGrpc(serviceTask("grpc-fail"));
    long instance = startOverGrpc("grpc-fail", Map.of());
    ActivatedJob job = activateOverGrpc("grpc-fail-work");

    // when
    grpc.newFailCommand(job).retries(2).retryBackoff(Duration.ofMinutes(1)).errorMessage("service unavailable")
        .variables(Map.of("lastError", "503")).send().join();

    // then
    assertThat(activateNowOverGrpc("grpc-fail-work")).isEmpty();
    pin(start.plus(Duration.ofMinutes(1)));
    ActivatedJob again = await().atMost(Duration.ofSeconds(10))
        .until(() -> activateNowOverGrpc("grpc-fail-work"), found -> !found.isEmpty()).get(0);
    assertThat(again.getKey()).isEqualTo(job.getKey());
    assertThat(again.getRetries()).isEqualTo(2);
    assertThat(localVariables(instance, job.getElementInstanceKey())).containsEntry("lastError", "503");
    assertThat(jdbc.queryForObject("select error_message from engine_job where key = ?", String.class,
        job.getKey())).isEqualTo("service unavailable");
  }

  @Test
  void shouldRaiseAnIncidentForAJobOutOfRetriesAndRetryItOnceRetriesAreUpdatedAndTheIncidentResolved() {
    // given
    deployOverGrpc(serviceTask("grpc-incident"));
    long instance = startOverGrpc("grpc-incident", Map.of());
    ActivatedJob job = activateOverGrpc("grpc-incident-work");
    grpc.newFailCommand(job).retries(0).errorMessage("gave up").send().join();
    StoredIncident incident = incidents(instance).get(0);
    assertThat(incident.errorType()).isEqualTo("JOB_NO_RETRIES");
    assertThat(incident.errorMessage()).isEqualTo("gave up");

    // when
    grpc.newUpdateRetriesCommand(job.getKey()).retries(1).send().join();
    grpc.newResolveIncidentCommand(incident.key()).send().join();

    // then
    assertThat(incidents(instance).get(0).state()).isEqualTo("RESOLVED");
    assertThat(activateOverGrpc("grpc-incident-work").getKey()).isEqualTo(job.getKey());
    assertStatus(() -> grpc.newResolveIncidentCommand(incident.key()).send().join(), Status.Code.NOT_FOUND,
        "Command 'RESOLVE' rejected with code 'NOT_FOUND'");
  }

  @Test
  void shouldRejectCommandsOnAFailedJobAsFailedPrecondition() {
    // given
    deployOverGrpc(serviceTask("grpc-failed"));
    startOverGrpc("grpc-failed", Map.of());
    ActivatedJob job = activateOverGrpc("grpc-failed-work");
    grpc.newFailCommand(job).retries(0).send().join();

    // then
    assertStatus(() -> grpc.newCompleteCommand(job).send().join(), Status.Code.FAILED_PRECONDITION,
        "Command 'COMPLETE' rejected with code 'INVALID_STATE': Expected to complete job with key '%d',"
            .formatted(job.getKey()) + " but it is in state 'FAILED'");
    assertStatus(() -> grpc.newThrowErrorCommand(job).errorCode("LATE").send().join(),
        Status.Code.FAILED_PRECONDITION, "it is in state 'FAILED'");
  }

  @Test
  void shouldRejectCommandsOnAnUnknownJobAsNotFound() {
    assertStatus(() -> grpc.newCompleteCommand(1L).send().join(), Status.Code.NOT_FOUND,
        "Command 'COMPLETE' rejected with code 'NOT_FOUND': Expected to complete job with key '1',"
            + " but no such job was found");
    assertStatus(() -> grpc.newFailCommand(1L).retries(1).send().join(), Status.Code.NOT_FOUND, "key '1'");
    assertStatus(() -> grpc.newUpdateTimeoutCommand(1L).timeout(Duration.ofMinutes(1)).send().join(),
        Status.Code.NOT_FOUND, "key '1'");
  }

  @Test
  void shouldRejectUpdatingRetriesBelowOneAsInvalidArgument() {
    // given
    deployOverGrpc(serviceTask("grpc-retries"));
    startOverGrpc("grpc-retries", Map.of());
    ActivatedJob job = activateOverGrpc("grpc-retries-work");

    // then
    assertStatus(() -> grpc.newUpdateRetriesCommand(job.getKey()).retries(0).send().join(),
        Status.Code.INVALID_ARGUMENT, "with a positive amount of retries, but the amount given was '0'");
  }

  @Test
  void shouldThrowAnErrorThatABoundaryEventCatches() {
    // given
    deployOverGrpc(Bpmn.createExecutableProcess("grpc-error").startEvent()
        .serviceTask("task", t -> t.zeebeJobType("grpc-error-work"))
        .boundaryEvent("rejected", b -> b.error("REJECTED")).endEvent("rejected-end")
        .moveToActivity("task").endEvent("end").done());
    long instance = startOverGrpc("grpc-error", Map.of());
    ActivatedJob job = activateOverGrpc("grpc-error-work");

    // when
    grpc.newThrowErrorCommand(job).errorCode("REJECTED").errorMessage("no stock")
        .variables(Map.of("reason", "stock")).send().join();

    // then
    assertThat(instanceState(instance)).isEqualTo("COMPLETED");
    assertThat(trace(instance)).contains("task:ELEMENT_TERMINATED", "rejected:ELEMENT_ACTIVATED",
        "rejected-end:ELEMENT_COMPLETED").doesNotContain("end:ELEMENT_ACTIVATED");
  }

  @Test
  void shouldUpdateTheTimeoutOfAnActivatedJob() {
    // given
    pin(start);
    deployOverGrpc(serviceTask("grpc-timeout"));
    startOverGrpc("grpc-timeout", Map.of());
    ActivatedJob job = grpc.newActivateJobsCommand().jobType("grpc-timeout-work").maxJobsToActivate(1)
        .timeout(Duration.ofMinutes(1)).send().join().getJobs().get(0);
    assertThat(job.getDeadline()).isEqualTo(start.plus(Duration.ofMinutes(1)).toEpochMilli());

    // when
    grpc.newUpdateTimeoutCommand(job).timeout(Duration.ofMinutes(10)).send().join();

    // then
    pin(start.plus(Duration.ofMinutes(5)));
    assertThat(activateNowOverGrpc("grpc-timeout-work")).isEmpty();
    assertThat(jdbc.queryForObject("select deadline from engine_job where key = ?", java.sql.Timestamp.class,
        job.getKey()).toInstant()).isEqualTo(start.plus(Duration.ofMinutes(10)));
  }

  @Test
  void shouldCompleteJobsWithAJobWorker() {
    // given
    deployOverGrpc(serviceTask("grpc-worker"));
    List<Long> instances = IntStream.range(0, 5).mapToObj(i -> startOverGrpc("grpc-worker", Map.of("n", i))).toList();

    // when
    try (JobWorker worker = grpc.newWorker().jobType("grpc-worker-work")
        .handler((jobs, job) -> jobs.newCompleteCommand(job)
            .variables(Map.of("doubled", 2 * (Integer) job.getVariablesAsMap().get("n"))).send().join())
        .name("grpc-worker").pollInterval(Duration.ofMillis(50)).open()) {

      // then
      await().atMost(Duration.ofSeconds(20))
          .until(() -> instances.stream().allMatch(i -> "COMPLETED".equals(instanceState(i))));
      assertThat(worker.isOpen()).isTrue();
    }
    for (int i = 0; i < instances.size(); i++) {
      assertThat(rootVariables(instances.get(i))).containsEntry("doubled", 2 * i);
    }
  }

  @Test
  void shouldPushJobsToAnOpenStreamAsTheyAreCreated() {
    // given a stream opened with the gateway's own stub, to see exactly what it pushes
    deployOverGrpc(serviceTask("grpc-stream"));
    ManagedChannel channel = ManagedChannelBuilder.forAddress("localhost", grpcGateway.port()).usePlaintext().build();
    try {
      Iterator<GatewayOuterClass.ActivatedJob> stream = signedIn(GatewayGrpc.newBlockingStub(channel))
          .withDeadlineAfter(30, TimeUnit.SECONDS)
          .streamActivatedJobs(StreamActivatedJobsRequest.newBuilder().setType("grpc-stream-work")
              .setWorker("streamer").setTimeout(60_000).addFetchVariable("a").build());
      await().until(() -> engine.jobStreams().count("grpc-stream-work") == 1);

      // when
      long instance = startOverGrpc("grpc-stream", Map.of("a", 1, "b", 2));

      // then
      GatewayOuterClass.ActivatedJob job = stream.next();
      assertThat(job.getProcessInstanceKey()).isEqualTo(instance);
      assertThat(job.getType()).isEqualTo("grpc-stream-work");
      assertThat(job.getWorker()).isEqualTo("streamer");
      assertThat(job.getVariables()).isEqualTo("{\"a\":1}");
      assertThat(job.getDeadline()).isPositive();
      grpc.newCompleteCommand(job.getKey()).send().join();
      assertThat(instanceState(instance)).isEqualTo("COMPLETED");
    } finally {
      channel.shutdownNow();
    }
    await().until(() -> engine.jobStreams().count("grpc-stream-work") == 0);
  }

  @Test
  void shouldRejectAStreamWithoutAJobTypeAsInvalidArgument() {
    ManagedChannel channel = ManagedChannelBuilder.forAddress("localhost", grpcGateway.port()).usePlaintext().build();
    try {
      var stream = signedIn(GatewayGrpc.newBlockingStub(channel)).withDeadlineAfter(10, TimeUnit.SECONDS)
          .streamActivatedJobs(StreamActivatedJobsRequest.newBuilder().setTimeout(1000).build());
      assertThatThrownBy(stream::hasNext).isInstanceOf(StatusRuntimeException.class)
          .hasMessageContaining("INVALID_ARGUMENT").hasMessageContaining("job type");
    } finally {
      channel.shutdownNow();
    }
  }

  @Test
  void shouldCompleteJobsWithAStreamingJobWorker() {
    // given
    deployOverGrpc(serviceTask("grpc-streaming-worker"));
    try (JobWorker worker = grpc.newWorker().jobType("grpc-streaming-worker-work")
        .handler((jobs, job) -> jobs.newCompleteCommand(job)
            .variables(Map.of("doubled", 2 * (Integer) job.getVariablesAsMap().get("n"))).send().join())
        .name("grpc-streaming-worker").streamEnabled(true).open()) {
      await().until(() -> engine.jobStreams().count("grpc-streaming-worker-work") == 1);

      // when
      List<Long> instances = IntStream.range(0, 20)
          .mapToObj(i -> startOverGrpc("grpc-streaming-worker", Map.of("n", i))).toList();

      // then
      await().atMost(Duration.ofSeconds(20))
          .until(() -> instances.stream().allMatch(i -> "COMPLETED".equals(instanceState(i))));
      for (int i = 0; i < instances.size(); i++) {
        assertThat(rootVariables(instances.get(i))).containsEntry("doubled", 2 * i);
      }
    }
  }

  @Test
  void shouldCompleteATaskListenerJobWithCorrectionsAndActivateItWithItsTask() {
    // given
    deployOverGrpc(Bpmn.createExecutableProcess("grpc-listener").startEvent()
        .userTask("review", t -> t.zeebeUserTask().zeebeCandidateGroups("reviewers")
            .zeebeTaskListener(l -> l.creating().type("grpc-listener-create")))
        .endEvent().done());
    long instance = startOverGrpc("grpc-listener", Map.of());

    // when
    ActivatedJob job = activateOverGrpc("grpc-listener-create");
    grpc.newCompleteCommand(job).withResult(r -> r.forUserTask().correctAssignee("erin").correctPriority(80))
        .send().join();

    // then
    assertThat(job.getKind()).isEqualTo(JobKind.TASK_LISTENER);
    assertThat(job.getListenerEventType()).isEqualTo(ListenerEventType.CREATING);
    assertThat(job.getUserTask().getCandidateGroups()).containsExactly("reviewers");
    assertThat(job.getUserTask().getUserTaskKey()).isPositive();
    UserTask task = await().atMost(Duration.ofSeconds(10)).until(() -> grpc.newUserTaskSearchRequest()
        .filter(f -> f.processInstanceKey(instance)).send().join().items(), found -> !found.isEmpty()).get(0);
    assertThat(task.getAssignee()).isEqualTo("erin");
    assertThat(task.getPriority()).isEqualTo(80);
  }

  // ------------------------------------------------------------------ messages and decisions

  @Test
  void shouldPublishAMessageThatAWaitingInstanceReceives() {
    // given
    deployOverGrpc(Bpmn.createExecutableProcess("grpc-message").startEvent()
        .intermediateCatchEvent("paid", e -> e.message(m -> m.name("grpc-payment").zeebeCorrelationKeyExpression("orderId")))
        .endEvent("end").done());
    long instance = startOverGrpc("grpc-message", Map.of("orderId", "A-17"));

    // when
    var published = grpc.newPublishMessageCommand().messageName("grpc-payment").correlationKey("A-17")
        .messageId("payment-A-17").timeToLive(Duration.ofMinutes(1)).variables(Map.of("paid", 120)).send().join();

    // then
    assertThat(published.getMessageKey()).isPositive();
    assertThat(instanceState(instance)).isEqualTo("COMPLETED");
    assertThat(rootVariables(instance)).containsEntry("paid", 120);
    assertThat(trace(instance)).contains("paid:ELEMENT_COMPLETED", "end:ELEMENT_COMPLETED");
    assertStatus(() -> grpc.newPublishMessageCommand().messageName("grpc-payment").correlationKey("A-17")
        .messageId("payment-A-17").timeToLive(Duration.ofMinutes(1)).send().join(), Status.Code.ALREADY_EXISTS,
        "Command 'PUBLISH' rejected with code 'ALREADY_EXISTS'");
  }

  @Test
  void shouldEvaluateADecisionWithItsMatchedRules() {
    // given
    grpc.newDeployResourceCommand().addResourceStringUtf8(DMN, "grpc-discount.dmn").send().join();

    // when
    var result = grpc.newEvaluateDecisionCommand().decisionId("grpc-discount").variables(Map.of("tier", "gold"))
        .send().join();

    // then
    assertThat(result.getDecisionId()).isEqualTo("grpc-discount");
    assertThat(result.getDecisionName()).isEqualTo("Discount");
    assertThat(result.getDecisionRequirementsId()).isEqualTo("grpc-discount-drg");
    assertThat(result.getDecisionOutput()).isEqualTo("20");
    assertThat(result.getFailedDecisionId()).isEmpty();
    assertThat(result.getEvaluatedDecisions()).singleElement().satisfies(d -> {
      assertThat(d.getDecisionType()).isEqualTo("DECISION_TABLE");
      assertThat(d.getEvaluatedInputs()).singleElement().satisfies(i -> assertThat(i.getInputValue()).isEqualTo("\"gold\""));
      assertThat(d.getMatchedRules()).singleElement().satisfies(r -> {
        assertThat(r.getRuleId()).isEqualTo("grpc-rule-gold");
        assertThat(r.getRuleIndex()).isEqualTo(1);
      });
    });
    assertStatus(() -> grpc.newEvaluateDecisionCommand().decisionId("grpc-no-decision").send().join(),
        Status.Code.NOT_FOUND, "Command 'EVALUATE' rejected with code 'NOT_FOUND'");
  }

  // ------------------------------------------------------------------ what the engine can't do

  @Test
  void shouldAnswerUnimplementedForSignals() {
    assertStatus(() -> grpc.newBroadcastSignalCommand().signalName("grpc-signal").send().join(),
        Status.Code.UNIMPLEMENTED, "BroadcastSignal");
  }

  // ------------------------------------------------------------------ helpers

  /** start → task (a job of type {@code <id>-work}, header region=eu) → end. */
  private static BpmnModelInstance serviceTask(String processId) {
    return Bpmn.createExecutableProcess(processId).startEvent("start").sequenceFlowId("to-task")
        .serviceTask("task", t -> t.zeebeJobType(processId + "-work").zeebeTaskHeader("region", "eu"))
        .sequenceFlowId("to-end").endEvent("end").done();
  }

  private long deployOverGrpc(BpmnModelInstance model) {
    return grpc.newDeployResourceCommand().addProcessModel(model, "process.bpmn").send().join()
        .getProcesses().get(0).getProcessDefinitionKey();
  }

  private long startOverGrpc(String processId, Map<String, Object> variables) {
    return grpc.newCreateInstanceCommand().bpmnProcessId(processId).latestVersion().variables(variables)
        .send().join().getProcessInstanceKey();
  }

  private ActivatedJob activateOverGrpc(String type) {
    List<ActivatedJob> jobs = grpc.newActivateJobsCommand().jobType(type).maxJobsToActivate(1).workerName("grpc-test")
        .send().join().getJobs();
    assertThat(jobs).hasSize(1);
    return jobs.get(0);
  }

  /** What is activatable right now, without long polling. */
  private List<ActivatedJob> activateNowOverGrpc(String type) {
    return grpc.newActivateJobsCommand().jobType(type).maxJobsToActivate(1).requestTimeout(Duration.ofMillis(-1))
        .send().join().getJobs();
  }

  private void pin(Instant at) {
    client.newPinClockCommand().time(at.toEpochMilli()).send().join();
  }

  @Test
  void shouldRefuseCallsWithoutTheEngineClientsCredentials() {
    ManagedChannel channel = ManagedChannelBuilder.forAddress("localhost", grpcGateway.port()).usePlaintext().build();
    try {
      // given: no credentials, then a reviewer's
      var anonymous = GatewayGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS);
      var reviewer = anonymous.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(basic(TestUsers.REVIEWER)));

      // when, then
      assertThatThrownBy(() -> anonymous.topology(TopologyRequest.getDefaultInstance()))
          .isInstanceOfSatisfying(StatusRuntimeException.class,
              e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED));
      assertThatThrownBy(() -> reviewer.topology(TopologyRequest.getDefaultInstance()))
          .isInstanceOfSatisfying(StatusRuntimeException.class,
              e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED));
      assertThat(jdbc.queryForObject("select count(*) from audit_event where event_type = 'ACCESS_DENIED'"
          + " and actor = ? and payload::text like '%gRPC%'", Long.class, TestUsers.REVIEWER)).isPositive();
      assertThat(signedIn(anonymous).topology(TopologyRequest.getDefaultInstance()).getBrokersCount()).isPositive();
    } finally {
      channel.shutdownNow();
    }
  }

  /** A raw stub that sends what the app's own client sends: the engine client's credentials. */
  private <S extends io.grpc.stub.AbstractStub<S>> S signedIn(S stub) {
    Metadata headers = new Metadata();
    try {
      engineCredentials.applyCredentials((name, value) ->
          headers.put(Metadata.Key.of(name, Metadata.ASCII_STRING_MARSHALLER), value));
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
    return stub.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
  }

  private static Metadata basic(String user) {
    Metadata headers = new Metadata();
    headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Basic " + java.util.Base64
        .getEncoder().encodeToString((user + ":" + TestUsers.PASSWORD).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    return headers;
  }

  private static void assertStatus(ThrowingCallable command, Status.Code code, String description) {
    assertThatThrownBy(command).isInstanceOfSatisfying(ClientStatusException.class, e -> {
      assertThat(e.getStatusCode()).isEqualTo(code);
      assertThat(e.getStatus().getDescription()).contains(description);
    });
  }
}

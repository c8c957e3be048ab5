package io.tandem.engine;

import io.camunda.client.CamundaClient;
import io.camunda.client.CredentialsProvider;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.tandem.engine.api.grpc.GatewayServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the engine's conformance tests: the real app with its embedded engine and PostgreSQL,
 * driven through the unmodified Camunda Java client over REST ({@link #grpcClient()} gives one over gRPC),
 * signed in as the app's own client is (the engine client's credentials).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@ActiveProfiles("test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class EngineTest {

  private static final int PORT = freePort();

  @Autowired protected JdbcTemplate jdbc;
  /** The engine's gRPC gateway, on a free port (application-test.yml). */
  @Autowired protected GatewayServer grpcGateway;
  /** How the app's own Camunda client signs in to the engine: the tests' clients do the same. */
  @Autowired protected CredentialsProvider engineCredentials;
  protected CamundaClient client;

  @DynamicPropertySource
  static void engineProperties(DynamicPropertyRegistry registry) {
    registry.add("server.port", () -> PORT);
    registry.add("tandem.engine.clock.controllable", () -> true);
  }

  @BeforeAll
  void connect() {
    client = CamundaClient.newClientBuilder()
        .restAddress(URI.create("http://localhost:" + PORT))
        .grpcAddress(URI.create("http://localhost:26500"))
        .preferRestOverGrpc(true)
        .credentialsProvider(engineCredentials)
        .defaultRequestTimeout(Duration.ofSeconds(30))
        .build();
  }

  /** A Camunda client that talks gRPC to the engine (REST only for what gRPC lacks); the caller closes it. */
  protected CamundaClient grpcClient() {
    return CamundaClient.newClientBuilder()
        .grpcAddress(URI.create("http://localhost:" + grpcGateway.port()))
        .restAddress(URI.create("http://localhost:" + PORT))
        .preferRestOverGrpc(false)
        .credentialsProvider(engineCredentials)
        .defaultRequestTimeout(Duration.ofSeconds(30))
        .build();
  }

  @AfterAll
  void disconnect() {
    client.newResetClockCommand().send().join();
    client.close();
  }

  protected long deploy(BpmnModelInstance model) {
    return client.newDeployResourceCommand().addProcessModel(model, "process.bpmn").send().join()
        .getProcesses().get(0).getProcessDefinitionKey();
  }

  protected long start(String bpmnProcessId, Map<String, Object> variables) {
    return client.newCreateInstanceCommand().bpmnProcessId(bpmnProcessId).latestVersion()
        .variables(variables).send().join().getProcessInstanceKey();
  }

  /** The element transitions the engine recorded for an instance, as "elementId:INTENT". */
  protected List<String> trace(long processInstanceKey) {
    return jdbc.queryForList("""
        select element_id || ':' || intent from engine_record
        where process_instance_key = ? and value_type = 'PROCESS_INSTANCE'
          and intent in ('ELEMENT_ACTIVATED', 'ELEMENT_COMPLETED', 'ELEMENT_TERMINATED', 'SEQUENCE_FLOW_TAKEN')
        order by position, record_index""", String.class, processInstanceKey);
  }

  protected String instanceState(long processInstanceKey) {
    return jdbc.queryForObject("select state from engine_process_instance where key = ?",
        String.class, processInstanceKey);
  }

  protected Map<String, Object> rootVariables(long processInstanceKey) {
    return localVariables(processInstanceKey, processInstanceKey);
  }

  /** The variables set locally on one scope (element instance) of an instance. */
  protected Map<String, Object> localVariables(long processInstanceKey, long scopeKey) {
    String json = jdbc.queryForObject(
        "select document -> 'variables' -> ? from engine_process_instance where key = ?",
        String.class, Long.toString(scopeKey), processInstanceKey);
    return io.tandem.engine.store.Json.readMap(json);
  }

  /** The key of the (latest) element instance of an element, from the engine's records. */
  protected long elementInstanceKey(long processInstanceKey, String elementId) {
    return jdbc.queryForObject("""
        select key from engine_record where process_instance_key = ? and element_id = ?
          and value_type = 'PROCESS_INSTANCE' and intent = 'ELEMENT_ACTIVATING'
        order by position desc, record_index desc limit 1""", Long.class, processInstanceKey, elementId);
  }

  /** An incident as the engine stored it (incident search isn't in the REST adapter yet). */
  protected record StoredIncident(long key, String state, String errorType, String errorMessage,
      String elementId, long elementInstanceKey, Long jobKey) {}

  protected List<StoredIncident> incidents(long processInstanceKey) {
    return jdbc.query("""
        select key, state, error_type, error_message, element_id, element_instance_key, job_key
        from engine_incident where process_instance_key = ? order by created_at, key""",
        (rs, n) -> new StoredIncident(rs.getLong("key"), rs.getString("state"), rs.getString("error_type"),
            rs.getString("error_message"), rs.getString("element_id"),
            rs.getLong("element_instance_key"), (Long) rs.getObject("job_key")),
        processInstanceKey);
  }

  /** Activates the jobs of a type that are there now, without long polling. */
  protected List<ActivatedJob> activate(String jobType, int max) {
    return client.newActivateJobsCommand().jobType(jobType).maxJobsToActivate(max)
        .requestTimeout(Duration.ofMillis(-1)).send().join().getJobs();
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}

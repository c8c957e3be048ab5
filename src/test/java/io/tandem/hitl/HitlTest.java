package io.tandem.hitl;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.search.enums.UserTaskState;
import io.camunda.client.api.search.response.UserTask;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import io.tandem.testsupport.TestUsers;
import org.junit.jupiter.api.AfterEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.awaitility.Awaitility.await;

/**
 * Base of the end-to-end HITL tests: the whole app (cases API, workers, models, audit) on its
 * embedded engine and PostgreSQL, with the flows deployed from bpmn/ and forms/; simulated
 * reviewers answer through Tandem's API and find their tasks through the Camunda client.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT,
    properties = {"tandem.deployment.enabled=true", "tandem.engine.clock.controllable=true",
        "camunda.client.worker.defaults.enabled=true",
        "tandem.cases.start-retry-after=PT1S", "tandem.cases.start-retry-interval=PT1S"})
@ActiveProfiles({"test", "hitl"})
abstract class HitlTest {

  static final Duration WAIT = Duration.ofSeconds(30);
  private static final int PORT = freePort();

  /** Signed in as an admin; {@link #as(String)} signs in as another test user. */
  protected TestRestTemplate http;
  private TestRestTemplate anonymous;
  @Autowired protected CamundaClient camunda;
  @Autowired protected JdbcTemplate jdbc;

  @Autowired
  void signIn(TestRestTemplate anonymous) {
    this.anonymous = anonymous;
    this.http = as(TestUsers.ADMIN);
  }

  /** The app's API as one of the test profile's users (password "demo"). */
  protected TestRestTemplate as(String user) {
    return TestUsers.as(anonymous, user);
  }

  @DynamicPropertySource
  static void port(DynamicPropertyRegistry registry) {
    registry.add("server.port", () -> PORT);
  }

  @AfterEach
  void resetClock() {
    camunda.newResetClockCommand().send().join();
  }

  protected UUID submit(Map<String, Object> submission) {
    ResponseEntity<Map> response = http.postForEntity("/api/cases", submission, Map.class);
    if (!response.getStatusCode().is2xxSuccessful()) {
      throw new AssertionError("submission refused: " + response);
    }
    return UUID.fromString((String) response.getBody().get("id"));
  }

  protected Map<String, Object> caseOf(UUID id) {
    return http.getForObject("/api/cases/" + id, Map.class);
  }

  protected Map<String, Object> awaitDecided(UUID id) {
    await().atMost(WAIT).until(() -> "DECIDED".equals(caseOf(id).get("status")));
    return caseOf(id);
  }

  protected long processInstanceOf(UUID id) {
    await().atMost(WAIT).until(() -> caseOf(id).get("processInstanceKey") != null);
    return ((Number) caseOf(id).get("processInstanceKey")).longValue();
  }

  /** Waits for the open review task of a case at the given element. */
  protected List<UserTask> awaitTasks(UUID id, String elementId, int count) {
    long instance = processInstanceOf(id);
    await().atMost(WAIT).until(() -> openTasks(instance, elementId).size() == count);
    return openTasks(instance, elementId);
  }

  protected List<UserTask> openTasks(long instance, String elementId) {
    return camunda.newUserTaskSearchRequest()
        .filter(f -> f.processInstanceKey(instance).elementId(elementId).state(UserTaskState.CREATED))
        .send().join().items();
  }

  protected ResponseEntity<Map> answer(UserTask task, String reviewer, String answer, String reason) {
    return http.postForEntity("/api/tasks/" + task.getUserTaskKey() + "/answer",
        Map.of("reviewer", reviewer, "answer", answer, "reason", reason), Map.class);
  }

  protected void advanceClock(Duration by) {
    camunda.newPinClockCommand().time(Instant.now().plus(by)).send().join();
  }

  protected List<String> auditTrail(UUID id) {
    return auditEvents(id).stream().map(e -> (String) e.get("eventType")).toList();
  }

  /** A case's audit events, in chain order. */
  protected List<Map<String, Object>> auditEvents(UUID id) {
    return http.getForObject("/api/cases/" + id + "/audit", List.class);
  }

  /** The payloads of a case's audit events of one type, in chain order. */
  protected List<Map<String, Object>> auditPayloads(UUID id, String eventType) {
    return auditEvents(id).stream().filter(e -> eventType.equals(e.get("eventType")))
        .map(e -> (Map<String, Object>) e.get("payload")).toList();
  }

  protected boolean auditChainIntact() {
    return Boolean.TRUE.equals(http.getForObject("/api/audit/verification", Map.class).get("intact"));
  }

  /** A reviewer claims a task, as a tasklist does: the engine answers once its assigning listener ran. */
  protected void claim(UserTask task, String reviewer) {
    camunda.newAssignUserTaskCommand(task.getUserTaskKey()).assignee(reviewer).allowOverride(false).send().join();
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}

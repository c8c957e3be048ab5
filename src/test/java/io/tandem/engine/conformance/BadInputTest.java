package io.tandem.engine.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.zeebe.model.bpmn.Bpmn;
import io.tandem.engine.EngineTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Malformed requests to the search and user task endpoints: a problem+json 4xx each, never a 5xx. */
class BadInputTest extends EngineTest {

  private static final List<String> SEARCHES = List.of("/user-tasks/search", "/process-instances/search",
      "/element-instances/search", "/incidents/search", "/variables/search", "/process-definitions/search",
      "/decision-definitions/search");

  private static final List<String> MALFORMED_SEARCHES = List.of(
      "{\"filter\": \"everything\"}",
      "{\"filter\": []}",
      "{\"filter\": {\"tenantId\": {\"$like\": 5, \"$in\": \"x\"}}}",
      "{\"filter\": {\"processDefinitionKey\": {\"$eq\": \"12x\"}}}",
      "{\"filter\": {\"processDefinitionKey\": {\"$in\": [null, \"1\"]}}}",
      "{\"filter\": {\"processDefinitionKey\": 99999999999999999999999}}",
      "{\"sort\": \"priority\"}",
      "{\"sort\": [null]}",
      "{\"sort\": [{\"order\": \"ASC\"}]}",
      "{\"sort\": [{\"field\": 5}]}",
      "{\"page\": \"first\"}",
      "{\"page\": {\"limit\": \"ten\"}}",
      "{\"page\": {\"limit\": 1.5}}",
      "{\"page\": {\"limit\": -3}}",
      "{\"page\": {\"from\": 5, \"after\": \"abc\"}}",
      "{\"page\": {\"before\": \"%%%\"}}",
      "{\"page\": {\"after\": \"\"}, \"extra\": true}",
      "\"search\"",
      "{\"filter\": {\"$or\": [null]}}");

  @Test
  void shouldAnswerMalformedSearchesWithBadRequest() {
    for (String path : SEARCHES) {
      for (String body : MALFORMED_SEARCHES) {
        Rest.Response response = Rest.post(client, path, body);
        assertThat(response.status()).as(path + " " + body + " -> " + response.body()).isBetween(400, 499);
        if (response.status() != 200) {
          assertThat(response.contentType()).as(path + " " + body).contains("application/problem+json");
        }
      }
    }
  }

  @Test
  void shouldAnswerAnEmptySearchBodyWithTheFirstPage() {
    for (String path : SEARCHES) {
      assertThat(Rest.post(client, path, "{}").status()).as(path).isEqualTo(200);
    }
  }

  @Test
  void shouldAnswerMalformedUserTaskCommandsWithBadRequest() {
    deploy(Bpmn.createExecutableProcess("bad-input").startEvent()
        .userTask("work", t -> t.zeebeUserTask()).endEvent().done());
    long instance = start("bad-input", Map.of());
    long key = client.newUserTaskSearchRequest().filter(f -> f.processInstanceKey(instance)).send().join()
        .items().get(0).getUserTaskKey();

    Map<String, List<String>> commands = Map.of(
        "/user-tasks/" + key + "/assignment", List.of("{}", "{\"assignee\": \"\"}", "{\"assignee\": [\"a\"]}",
            "{\"assignee\": \"a\", \"allowOverride\": \"maybe\"}", "{\"assignee\": \"a\", \"owner\": \"b\"}"),
        "/user-tasks/" + key + "/completion", List.of("{\"variables\": \"x\"}", "{\"variables\": [1]}", "[]"),
        "/user-tasks/" + key + "/variables/search", List.of("{\"filter\": {\"value\": \"x\"}}", "{\"sort\": [{\"field\": \"x\"}]}"));
    commands.forEach((path, bodies) -> bodies.forEach(body -> {
      Rest.Response response = Rest.post(client, path, body);
      assertThat(response.status()).as(path + " " + body + " -> " + response.body()).isEqualTo(400);
      assertThat(response.contentType()).contains("application/problem+json");
    }));
    for (String body : List.of("{}", "{\"changeset\": {\"priority\": \"high\"}}", "{\"changeset\": {\"priority\": 5.5}}",
        "{\"changeset\": {\"dueDate\": 5}}", "{\"changeset\": {\"candidateGroups\": \"a\"}}",
        "{\"changeset\": {\"candidateUsers\": [1]}}", "{\"changeset\": []}")) {
      Rest.Response response = Rest.patch(client, "/user-tasks/" + key, body);
      assertThat(response.status()).as(body + " -> " + response.body()).isEqualTo(400);
    }
    assertThat(client.newUserTaskGetRequest(key).send().join().getAssignee()).isNull();
    assertThat(Rest.post(client, "/user-tasks/99999999999999999999/completion", "{}").status()).isEqualTo(400);
  }
}

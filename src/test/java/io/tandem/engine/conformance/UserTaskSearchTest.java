package io.tandem.engine.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camunda.client.api.command.ProblemException;
import io.camunda.client.api.search.enums.UserTaskState;
import io.camunda.client.api.search.response.SearchResponse;
import io.camunda.client.api.search.response.UserTask;
import io.camunda.client.api.search.response.Variable;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.tandem.engine.EngineTest;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The tasklist's user task search: Camunda's filters, sorts and cursor pages, and bad input. */
class UserTaskSearchTest extends EngineTest {

  private long definition;
  private final Map<String, Long> instances = new HashMap<>();

  @BeforeAll
  void createTasks() {
    definition = deploy(Bpmn.createExecutableProcess("uts").startEvent()
        .userTask("triage", t -> t.name("Triage case").zeebeUserTask()
            .zeebeAssigneeExpression("who")
            .zeebeCandidateGroupsExpression("groups")
            .zeebeCandidateUsersExpression("users")
            .zeebeDueDateExpression("due")
            .zeebeTaskPriorityExpression("prio")
            .zeebeInputExpression("\"local-\" + case", "note"))
        .endEvent().done());
    task("c1", "anna", List.of("g-a"), List.of(), "2030-01-01T00:00:00Z", 10);
    task("c2", null, List.of("g-a", "g-b"), List.of("ben"), "2030-02-01T00:00:00Z", 80);
    task("c3", null, List.of("g-b"), List.of("ben", "carla"), null, 50);
    task("c4", "ben", List.of("g-a"), List.of(), "2030-03-01T00:00:00Z", 50);
    task("c5", null, List.of("g-c"), List.of(), null, 100);
  }

  private void task(String caseId, String assignee, List<String> groups, List<String> users, String due, int prio) {
    Map<String, Object> variables = new HashMap<>();
    variables.put("case", caseId);
    variables.put("who", assignee);
    variables.put("groups", groups);
    variables.put("users", users);
    variables.put("due", due);
    variables.put("prio", prio);
    instances.put(caseId, start("uts", variables));
  }

  @Test
  void shouldFilterByCandidateGroupAndSortByPriority() {
    // when
    List<UserTask> queue = client.newUserTaskSearchRequest()
        .filter(f -> f.processDefinitionKey(definition).candidateGroup("g-a").state(UserTaskState.CREATED))
        .sort(s -> s.priority().desc())
        .send().join().items();

    // then: by priority, the older first among equals
    assertThat(queue).extracting(UserTask::getProcessInstanceKey)
        .containsExactly(instances.get("c2"), instances.get("c4"), instances.get("c1"));
  }

  @Test
  void shouldFilterByAssigneeCandidateUserElementAndKeys() {
    assertThat(cases(client.newUserTaskSearchRequest()
        .filter(f -> f.processDefinitionKey(definition).assignee("anna")).send().join()))
        .containsExactly("c1");
    assertThat(cases(client.newUserTaskSearchRequest()
        .filter(f -> f.processDefinitionKey(definition).candidateUser("ben")).send().join()))
        .containsExactlyInAnyOrder("c2", "c3");
    assertThat(cases(client.newUserTaskSearchRequest()
        .filter(f -> f.processDefinitionKey(definition).candidateGroup(g -> g.in("g-b", "g-c"))).send().join()))
        .containsExactlyInAnyOrder("c2", "c3", "c5");
    assertThat(cases(client.newUserTaskSearchRequest()
        .filter(f -> f.processDefinitionKey(definition).assignee(a -> a.exists(false))).send().join()))
        .containsExactlyInAnyOrder("c2", "c3", "c5");
    assertThat(cases(client.newUserTaskSearchRequest()
        .filter(f -> f.bpmnProcessId("uts").elementId("triage").name("Triage case")
            .processInstanceKey(instances.get("c3"))).send().join()))
        .containsExactly("c3");
    assertThat(client.newUserTaskSearchRequest()
        .filter(f -> f.processDefinitionKey(definition).elementId("other")).send().join().items()).isEmpty();
  }

  @Test
  void shouldFilterByPriorityAndDueDateRanges() {
    assertThat(cases(client.newUserTaskSearchRequest()
        .filter(f -> f.processDefinitionKey(definition).priority(p -> p.gte(50).lt(100))).send().join()))
        .containsExactlyInAnyOrder("c2", "c3", "c4");
    assertThat(cases(client.newUserTaskSearchRequest()
        .filter(f -> f.processDefinitionKey(definition)
            .dueDate(d -> d.gte(OffsetDateTime.parse("2030-01-15T00:00:00Z")).lte(OffsetDateTime.parse("2030-03-01T00:00:00Z"))))
        .send().join()))
        .containsExactlyInAnyOrder("c2", "c4");
    assertThat(cases(client.newUserTaskSearchRequest()
        .filter(f -> f.processDefinitionKey(definition).dueDate(d -> d.exists(false))).send().join()))
        .containsExactlyInAnyOrder("c3", "c5");
  }

  @Test
  void shouldFilterByProcessAndLocalVariables() {
    assertThat(cases(client.newUserTaskSearchRequest()
        .filter(f -> f.processDefinitionKey(definition).processInstanceVariables(Map.of("case", "c4"))).send().join()))
        .containsExactly("c4");
    assertThat(cases(client.newUserTaskSearchRequest()
        .filter(f -> f.processDefinitionKey(definition).localVariables(Map.of("note", "local-c5"))).send().join()))
        .containsExactly("c5");
    assertThat(client.newUserTaskSearchRequest()
        .filter(f -> f.processDefinitionKey(definition).localVariables(Map.of("case", "c5"))).send().join().items())
        .isEmpty();
  }

  @Test
  void shouldSortByDueDateWithTasksWithoutOneLast() {
    List<String> ascending = cases(client.newUserTaskSearchRequest()
        .filter(f -> f.processDefinitionKey(definition)).sort(s -> s.dueDate().asc()).send().join());
    List<String> descending = cases(client.newUserTaskSearchRequest()
        .filter(f -> f.processDefinitionKey(definition)).sort(s -> s.dueDate().desc()).send().join());

    assertThat(ascending).containsExactly("c1", "c2", "c4", "c3", "c5");
    assertThat(descending).containsExactly("c4", "c2", "c1", "c3", "c5");
  }

  @Test
  void shouldPageForwardAndBackwardWithCursors() {
    // given
    var first = client.newUserTaskSearchRequest().filter(f -> f.processDefinitionKey(definition))
        .sort(s -> s.priority().desc()).page(p -> p.limit(2)).send().join();

    // when
    var second = client.newUserTaskSearchRequest().filter(f -> f.processDefinitionKey(definition))
        .sort(s -> s.priority().desc()).page(p -> p.limit(2).after(first.page().endCursor())).send().join();
    var third = client.newUserTaskSearchRequest().filter(f -> f.processDefinitionKey(definition))
        .sort(s -> s.priority().desc()).page(p -> p.limit(2).after(second.page().endCursor())).send().join();
    var back = client.newUserTaskSearchRequest().filter(f -> f.processDefinitionKey(definition))
        .sort(s -> s.priority().desc()).page(p -> p.limit(2).before(second.page().startCursor())).send().join();
    var offset = client.newUserTaskSearchRequest().filter(f -> f.processDefinitionKey(definition))
        .sort(s -> s.priority().desc()).page(p -> p.from(2).limit(2)).send().join();

    // then
    assertThat(first.page().totalItems()).isEqualTo(5);
    assertThat(first.page().hasMoreTotalItems()).isFalse();
    assertThat(cases(first)).containsExactly("c5", "c2");
    assertThat(cases(second)).containsExactly("c3", "c4");
    assertThat(cases(third)).containsExactly("c1");
    assertThat(cases(back)).containsExactly("c5", "c2");
    assertThat(cases(offset)).isEqualTo(cases(second));
    assertThat(second.page().totalItems()).isEqualTo(5);
  }

  @Test
  void shouldPageThroughNullableSortValuesInBothDirections() {
    // given: due dates c1 < c2 < c4, then c3 and c5 without one
    List<List<String>> forward = new ArrayList<>();
    String cursor = null;
    do {
      String after = cursor;
      var page = client.newUserTaskSearchRequest().filter(f -> f.processDefinitionKey(definition))
          .sort(s -> s.dueDate().asc()).page(p -> {
            p.limit(2);
            if (after != null) {
              p.after(after);
            }
          }).send().join();
      if (page.items().isEmpty()) {
        break;
      }
      forward.add(cases(page));
      cursor = page.page().endCursor();
    } while (true);

    // when: back from the last page
    String lastStart = client.newUserTaskSearchRequest().filter(f -> f.processDefinitionKey(definition))
        .sort(s -> s.dueDate().asc()).page(p -> p.limit(1).from(4)).send().join().page().startCursor();
    var back = client.newUserTaskSearchRequest().filter(f -> f.processDefinitionKey(definition))
        .sort(s -> s.dueDate().asc()).page(p -> p.limit(2).before(lastStart)).send().join();
    var further = client.newUserTaskSearchRequest().filter(f -> f.processDefinitionKey(definition))
        .sort(s -> s.dueDate().asc()).page(p -> p.limit(2).before(back.page().startCursor())).send().join();

    // then
    assertThat(forward).containsExactly(List.of("c1", "c2"), List.of("c4", "c3"), List.of("c5"));
    assertThat(cases(back)).containsExactly("c4", "c3");
    assertThat(cases(further)).containsExactly("c1", "c2");
  }

  @Test
  void shouldSeeATaskInTheVeryNextSearchAfterItsCreationAndCompletion() {
    // given
    deploy(Bpmn.createExecutableProcess("uts-ryw").startEvent()
        .userTask("work", t -> t.zeebeUserTask().zeebeCandidateGroups("g-ryw")).endEvent().done());
    long instance = start("uts-ryw", Map.of());

    // when: no waiting, no retries
    List<UserTask> created = client.newUserTaskSearchRequest()
        .filter(f -> f.candidateGroup("g-ryw").state(UserTaskState.CREATED)).send().join().items();
    client.newCompleteUserTaskCommand(created.get(0).getUserTaskKey()).send().join();
    List<UserTask> afterCompletion = client.newUserTaskSearchRequest()
        .filter(f -> f.candidateGroup("g-ryw").state(UserTaskState.CREATED)).send().join().items();

    // then
    assertThat(created).extracting(UserTask::getProcessInstanceKey).containsExactly(instance);
    assertThat(afterCompletion).isEmpty();
    assertThat(client.newUserTaskSearchRequest().filter(f -> f.candidateGroup("g-ryw").state(UserTaskState.COMPLETED))
        .send().join().items()).hasSize(1);
  }

  @Test
  void shouldSearchTheVariablesATaskSeesWithTheInnermostWinning() {
    // given
    long key = taskKey("c2");

    // when
    List<Variable> variables = client.newUserTaskVariableSearchRequest(key).send().join().items();
    List<Variable> named = client.newUserTaskVariableSearchRequest(key).filter(f -> f.name("note")).send().join().items();

    // then
    assertThat(variables).extracting(Variable::getName).contains("case", "note", "groups", "prio");
    assertThat(named).hasSize(1);
    assertThat(named.get(0).getValue()).isEqualTo("\"local-c2\"");
    assertThat(named.get(0).getScopeKey()).isNotEqualTo(instances.get("c2"));
  }

  @Test
  void shouldAcceptPlainValuesForAdvancedFilters() {
    Rest.Response response = Rest.post(client, "/user-tasks/search", """
        {"filter": {"processDefinitionKey": "%d", "candidateGroup": "g-c", "priority": 100}}"""
        .formatted(definition));

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.body()).contains("\"processInstanceKey\":\"" + instances.get("c5") + "\"")
        .contains("\"totalItems\":1");
  }

  @Test
  void shouldAnswerBadInputWithProblemDetailsNeverAServerError() {
    Map<String, String> badRequests = new java.util.LinkedHashMap<>();
    badRequests.put("unknown filter field", "{\"filter\": {\"colour\": \"red\"}}");
    badRequests.put("unknown top-level field", "{\"filters\": {}}");
    badRequests.put("unknown operator", "{\"filter\": {\"priority\": {\"$between\": [1, 2]}}}");
    badRequests.put("malformed date", "{\"filter\": {\"dueDate\": {\"$gt\": \"tomorrow\"}}}");
    badRequests.put("date without offset", "{\"filter\": {\"dueDate\": \"2030-01-01T00:00:00\"}}");
    badRequests.put("page size zero", "{\"page\": {\"limit\": 0}}");
    badRequests.put("page size too large", "{\"page\": {\"limit\": 10001}}");
    badRequests.put("negative offset", "{\"page\": {\"from\": -1}}");
    badRequests.put("both cursors", "{\"page\": {\"after\": \"a\", \"before\": \"b\"}}");
    badRequests.put("garbage cursor", "{\"page\": {\"after\": \"not-a-cursor\"}}");
    badRequests.put("foreign cursor", "{\"page\": {\"after\": \"WyIxIiwiMiIsIjMiXQ\"}}");
    badRequests.put("unknown sort field", "{\"sort\": [{\"field\": \"colour\"}]}");
    badRequests.put("unknown sort order", "{\"sort\": [{\"field\": \"priority\", \"order\": \"UP\"}]}");
    badRequests.put("unknown state", "{\"filter\": {\"state\": \"SLEEPING\"}}");
    badRequests.put("non-numeric key", "{\"filter\": {\"processInstanceKey\": \"abc\"}}");
    badRequests.put("text for a number", "{\"filter\": {\"priority\": \"high\"}}");
    badRequests.put("too large a number", "{\"filter\": {\"priority\": 99999999999}}");
    badRequests.put("variable without name", "{\"filter\": {\"localVariables\": [{\"value\": \"1\"}]}}");
    badRequests.put("not an object", "[1, 2]");
    badRequests.put("not JSON", "{filter");

    badRequests.forEach((problem, body) -> {
      Rest.Response response = Rest.post(client, "/user-tasks/search", body);
      assertThat(response.status()).as(problem + ": " + response.body()).isEqualTo(400);
      assertThat(response.contentType()).as(problem).contains("application/problem+json");
    });
    assertThatThrownBy(() -> client.newUserTaskSearchRequest().page(p -> p.limit(20_000)).send().join())
        .isInstanceOf(ProblemException.class).hasMessageContaining("400");
  }

  @Test
  void shouldAnswerUnknownKeysWithNotFound() {
    for (String path : List.of("/user-tasks/1", "/user-tasks/1/form", "/process-instances/1",
        "/element-instances/1", "/incidents/1", "/variables/1", "/process-definitions/1",
        "/process-definitions/1/xml", "/decision-definitions/1", "/forms/1")) {
      Rest.Response response = Rest.get(client, path);
      assertThat(response.status()).as(path).isEqualTo(404);
      assertThat(response.contentType()).as(path).contains("application/problem+json");
    }
    assertThat(Rest.post(client, "/user-tasks/1/variables/search", "{}").status()).isEqualTo(404);
    assertThat(Rest.get(client, "/user-tasks/not-a-key").status()).isEqualTo(400);
  }

  private long taskKey(String caseId) {
    return client.newUserTaskSearchRequest().filter(f -> f.processInstanceKey(instances.get(caseId)))
        .send().join().items().get(0).getUserTaskKey();
  }

  private List<String> cases(SearchResponse<UserTask> response) {
    List<String> cases = new ArrayList<>();
    for (UserTask task : response.items()) {
      instances.forEach((caseId, instance) -> {
        if (instance.equals(task.getProcessInstanceKey())) {
          cases.add(caseId);
        }
      });
    }
    return cases;
  }
}

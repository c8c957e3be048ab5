package io.tandem.engine.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camunda.client.api.command.ProblemException;
import io.camunda.client.api.search.enums.ElementInstanceState;
import io.camunda.client.api.search.enums.ElementInstanceType;
import io.camunda.client.api.search.enums.IncidentErrorType;
import io.camunda.client.api.search.enums.IncidentState;
import io.camunda.client.api.search.enums.ProcessInstanceState;
import io.camunda.client.api.search.response.DecisionDefinition;
import io.camunda.client.api.search.response.ElementInstance;
import io.camunda.client.api.search.response.Incident;
import io.camunda.client.api.search.response.ProcessDefinition;
import io.camunda.client.api.search.response.ProcessInstance;
import io.camunda.client.api.search.response.Variable;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.tandem.engine.EngineTest;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The searches dashboards need: process instances, element instances, incidents, variables, definitions. */
class SearchApiTest extends EngineTest {

  private long definition;
  private long waiting;
  private long completed;
  private long failing;

  @BeforeAll
  void runInstances() {
    definition = deploy(Bpmn.createExecutableProcess("search-api").name("Search API").startEvent("start")
        .exclusiveGateway("route")
        .conditionExpression("mode = \"wait\"").userTask("wait", t -> t.name("Wait here").zeebeUserTask())
        .endEvent("waited")
        .moveToNode("route").conditionExpression("mode = \"fail\"").businessRuleTask("fail", t -> t
            .zeebeCalledDecisionId("no-such-decision").zeebeResultVariable("x")).endEvent("failed")
        .moveToNode("route").conditionExpression("mode = \"done\"").endEvent("done")
        .done());
    waiting = start("search-api", Map.of("mode", "wait", "customer", "acme"));
    completed = start("search-api", Map.of("mode", "done", "customer", "globex"));
    failing = start("search-api", Map.of("mode", "fail", "customer", "acme", "big", "x".repeat(9000)));
  }

  @Test
  void shouldSearchProcessInstancesByStateIncidentAndVariables() {
    assertThat(instanceKeys(client.newProcessInstanceSearchRequest()
        .filter(f -> f.processDefinitionKey(definition).state(ProcessInstanceState.ACTIVE)).send().join().items()))
        .containsExactlyInAnyOrder(waiting, failing);
    assertThat(instanceKeys(client.newProcessInstanceSearchRequest()
        .filter(f -> f.processDefinitionId("search-api").hasIncident(true)).send().join().items()))
        .containsExactly(failing);
    assertThat(instanceKeys(client.newProcessInstanceSearchRequest()
        .filter(f -> f.processDefinitionKey(definition).variables(Map.of("customer", "acme"))).send().join().items()))
        .containsExactlyInAnyOrder(waiting, failing);
    assertThat(instanceKeys(client.newProcessInstanceSearchRequest()
        .filter(f -> f.processDefinitionKey(definition).elementId("wait")
            .elementInstanceState(ElementInstanceState.ACTIVE)).send().join().items()))
        .containsExactly(waiting);
    assertThat(instanceKeys(client.newProcessInstanceSearchRequest()
        .filter(f -> f.processDefinitionKey(definition).startDate(d -> d.lt(OffsetDateTime.now().plusDays(1)))
            .endDate(d -> d.exists(true))).send().join().items()))
        .containsExactly(completed);
    assertThat(instanceKeys(client.newProcessInstanceSearchRequest()
        .filter(f -> f.processDefinitionKey(definition).orFilters(List.of(
            o -> o.state(ProcessInstanceState.COMPLETED), o -> o.hasIncident(true))))
        .send().join().items()))
        .containsExactlyInAnyOrder(completed, failing);
  }

  @Test
  void shouldGetAProcessInstanceWithItsDefinitionsName() {
    ProcessInstance instance = client.newProcessInstanceGetRequest(completed).send().join();

    assertThat(instance.getProcessDefinitionName()).isEqualTo("Search API");
    assertThat(instance.getProcessDefinitionId()).isEqualTo("search-api");
    assertThat(instance.getProcessDefinitionKey()).isEqualTo(definition);
    assertThat(instance.getState()).isEqualTo(ProcessInstanceState.COMPLETED);
    assertThat(instance.getEndDate()).isNotNull();
    assertThat(instance.getHasIncident()).isFalse();
    assertThatThrownBy(() -> client.newProcessInstanceGetRequest(1L).send().join())
        .isInstanceOf(ProblemException.class).hasMessageContaining("404");
  }

  @Test
  void shouldSortAndPageProcessInstances() {
    var first = client.newProcessInstanceSearchRequest().filter(f -> f.processDefinitionKey(definition))
        .sort(s -> s.processInstanceKey().desc()).page(p -> p.limit(2)).send().join();
    var rest = client.newProcessInstanceSearchRequest().filter(f -> f.processDefinitionKey(definition))
        .sort(s -> s.processInstanceKey().desc()).page(p -> p.limit(2).after(first.page().endCursor()))
        .send().join();

    assertThat(first.page().totalItems()).isEqualTo(3);
    assertThat(instanceKeys(first.items())).containsExactly(failing, completed);
    assertThat(instanceKeys(rest.items())).containsExactly(waiting);
  }

  @Test
  void shouldSearchElementInstancesOfAnInstance() {
    // when
    List<ElementInstance> elements = client.newElementInstanceSearchRequest()
        .filter(f -> f.processInstanceKey(waiting)).sort(s -> s.elementInstanceKey().asc()).send().join().items();
    List<ElementInstance> active = client.newElementInstanceSearchRequest()
        .filter(f -> f.processInstanceKey(waiting).state(ElementInstanceState.ACTIVE).type(ElementInstanceType.USER_TASK))
        .send().join().items();

    // then
    assertThat(elements).extracting(ElementInstance::getElementId)
        .containsExactly("search-api", "start", "route", "wait");
    assertThat(active).hasSize(1);
    assertThat(active.get(0).getElementName()).isEqualTo("Wait here");
    assertThat(active.get(0).getProcessDefinitionKey()).isEqualTo(definition);
    ElementInstance fetched = client.newElementInstanceGetRequest(active.get(0).getElementInstanceKey()).send().join();
    assertThat(fetched.getElementId()).isEqualTo("wait");
    assertThat(fetched.getState()).isEqualTo(ElementInstanceState.ACTIVE);
  }

  @Test
  void shouldSearchAndGetIncidents() {
    // when
    List<Incident> incidents = client.newIncidentSearchRequest()
        .filter(f -> f.processDefinitionKey(definition).state(IncidentState.ACTIVE)).send().join().items();

    // then
    assertThat(incidents).hasSize(1);
    Incident incident = incidents.get(0);
    assertThat(incident.getProcessInstanceKey()).isEqualTo(failing);
    assertThat(incident.getErrorType()).isEqualTo(IncidentErrorType.CALLED_DECISION_ERROR);
    assertThat(incident.getElementId()).isEqualTo("fail");
    assertThat(incident.getCreationTime()).isNotNull();
    assertThat(client.newIncidentGetRequest(incident.getIncidentKey()).send().join().getErrorMessage())
        .isEqualTo(incident.getErrorMessage());
    assertThat(client.newIncidentsByProcessInstanceSearchRequest(failing).send().join().items())
        .extracting(Incident::getIncidentKey).containsExactly(incident.getIncidentKey());
    assertThat(client.newIncidentsByProcessInstanceSearchRequest(waiting).send().join().items()).isEmpty();
    assertThat(client.newIncidentSearchRequest()
        .filter(f -> f.processDefinitionKey(definition).errorType(IncidentErrorType.JOB_NO_RETRIES))
        .send().join().items()).isEmpty();
    assertThat(client.newElementInstanceSearchRequest().filter(f -> f.processInstanceKey(failing).hasIncident(true))
        .send().join().items()).extracting(ElementInstance::getIncidentKey).containsExactly(incident.getIncidentKey());
  }

  @Test
  void shouldSearchVariablesAndTruncateLongValues() {
    // when
    List<Variable> variables = client.newVariableSearchRequest()
        .filter(f -> f.processInstanceKey(failing)).sort(s -> s.name().asc()).send().join().items();
    Variable big = variables.stream().filter(v -> v.getName().equals("big")).findFirst().orElseThrow();

    // then
    assertThat(variables).extracting(Variable::getName).containsExactly("big", "customer", "mode");
    assertThat(big.isTruncated()).isTrue();
    assertThat(big.getValue()).hasSize(8191);
    assertThat(client.newVariableGetRequest(big.getVariableKey()).send().join().getValue()).hasSize(9002);
    assertThat(client.newVariableSearchRequest().filter(f -> f.processInstanceKey(failing).name("customer"))
        .send().join().items()).extracting(Variable::getValue).containsExactly("\"acme\"");
    assertThat(Rest.post(client, "/variables/search?truncateValues=false",
        "{\"filter\": {\"variableKey\": \"%d\"}}".formatted(big.getVariableKey())).body())
        .contains("\"isTruncated\":false");
  }

  @Test
  void shouldSearchProcessDefinitionsAndGetTheirXml() {
    // given
    long second = deploy(Bpmn.createExecutableProcess("search-api-versions").startEvent().endEvent().done());
    long third = deploy(Bpmn.createExecutableProcess("search-api-versions").startEvent("changed").endEvent().done());

    // when
    List<ProcessDefinition> latest = client.newProcessDefinitionSearchRequest()
        .filter(f -> f.processDefinitionId("search-api-versions").isLatestVersion(true)).send().join().items();
    List<ProcessDefinition> all = client.newProcessDefinitionSearchRequest()
        .filter(f -> f.processDefinitionId("search-api-versions")).sort(s -> s.version().desc()).send().join().items();

    // then
    assertThat(latest).extracting(ProcessDefinition::getProcessDefinitionKey).containsExactly(third);
    assertThat(all).extracting(ProcessDefinition::getVersion).containsExactly(2, 1);
    assertThat(all.get(1).getProcessDefinitionKey()).isEqualTo(second);
    ProcessDefinition fetched = client.newProcessDefinitionGetRequest(definition).send().join();
    assertThat(fetched.getName()).isEqualTo("Search API");
    assertThat(fetched.getResourceName()).isEqualTo("process.bpmn");
    assertThat(client.newProcessDefinitionGetXmlRequest(definition).send().join())
        .contains("<process id=\"search-api\"");
  }

  @Test
  void shouldSearchDecisionDefinitions() {
    // given
    client.newDeployResourceCommand().addResourceFromClasspath("dmn/triage.dmn").send().join();

    // when
    List<DecisionDefinition> decisions = client.newDecisionDefinitionSearchRequest()
        .filter(f -> f.decisionDefinitionId("triage")).send().join().items();

    // then
    assertThat(decisions).isNotEmpty();
    DecisionDefinition decision = decisions.get(0);
    assertThat(decision.getDmnDecisionId()).isEqualTo("triage");
    assertThat(decision.getVersion()).isEqualTo(1);
    assertThat(client.newDecisionDefinitionGetRequest(decision.getDecisionKey()).send().join().getDmnDecisionId())
        .isEqualTo("triage");
    assertThat(client.newDecisionDefinitionGetXmlRequest(decision.getDecisionKey()).send().join())
        .contains("<decision id=\"triage\"");
  }

  @Test
  void shouldAnswerBadSearchesOfEveryResourceWithBadRequest() {
    for (String resource : List.of("process-instances", "element-instances", "incidents", "variables",
        "process-definitions", "decision-definitions", "user-tasks")) {
      Rest.Response unknownField = Rest.post(client, "/" + resource + "/search", "{\"filter\": {\"nope\": 1}}");
      Rest.Response badLimit = Rest.post(client, "/" + resource + "/search", "{\"page\": {\"limit\": 100000}}");
      Rest.Response badSort = Rest.post(client, "/" + resource + "/search", "{\"sort\": [{\"field\": \"nope\"}]}");
      assertThat(unknownField.status()).as(resource + " " + unknownField.body()).isEqualTo(400);
      assertThat(badLimit.status()).as(resource).isEqualTo(400);
      assertThat(badSort.status()).as(resource).isEqualTo(400);
    }
    assertThat(Rest.post(client, "/process-instances/search",
        "{\"filter\": {\"startDate\": {\"$lt\": \"yesterday\"}}}").status()).isEqualTo(400);
    assertThat(Rest.post(client, "/process-instances/search",
        "{\"filter\": {\"incidentErrorHashCode\": 5}}").status()).isEqualTo(400);
    assertThat(Rest.post(client, "/element-instances/search",
        "{\"filter\": {\"type\": \"NO_SUCH_TYPE\"}}").status()).isEqualTo(400);
  }

  private static List<Long> instanceKeys(List<ProcessInstance> instances) {
    return instances.stream().map(ProcessInstance::getProcessInstanceKey).toList();
  }
}

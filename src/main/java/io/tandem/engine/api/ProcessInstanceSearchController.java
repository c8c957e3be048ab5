package io.tandem.engine.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.camunda.client.protocol.rest.IncidentSearchQueryResult;
import io.camunda.client.protocol.rest.ProcessInstanceFilter;
import io.camunda.client.protocol.rest.ProcessInstanceFilterFields;
import io.camunda.client.protocol.rest.ProcessInstanceIncidentSearchQuery;
import io.camunda.client.protocol.rest.ProcessInstanceResult;
import io.camunda.client.protocol.rest.ProcessInstanceSearchQuery;
import io.camunda.client.protocol.rest.ProcessInstanceSearchQueryResult;
import io.camunda.client.protocol.rest.ProcessInstanceStateEnum;
import io.tandem.engine.ConditionalOnEngine;
import io.tandem.engine.api.SearchRequests.Filters;
import io.tandem.engine.processing.Engine;
import io.tandem.engine.store.ProcessInstanceQueries.ProcessInstanceView;
import io.tandem.engine.store.Search;
import io.tandem.engine.store.Search.Criterion;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Process instance search and lookup (the commands live in {@link ProcessInstanceController}). */
@ConditionalOnEngine
@RestController
@RequestMapping("/v2/process-instances")
class ProcessInstanceSearchController {

  private final Engine engine;

  ProcessInstanceSearchController(Engine engine) {
    this.engine = engine;
  }

  @PostMapping("/search")
  ProcessInstanceSearchQueryResult search(@RequestBody(required = false) JsonNode body) {
    ProcessInstanceSearchQuery request = SearchRequests.read(body, ProcessInstanceSearchQuery.class);
    List<Criterion> criteria = request.getFilter() == null ? List.of() : criteria(request.getFilter());
    Search.Query query = new Search.Query(criteria,
        SearchRequests.sort(request.getSort(), s -> s.getField(), s -> s.getOrder()),
        SearchRequests.page(request.getPage()));
    var page = engine.stores().queries().processInstances().search(query);
    return new ProcessInstanceSearchQueryResult()
        .items(page.items().stream().map(ProcessInstanceSearchController::result).toList())
        .page(SearchRequests.page(page));
  }

  @GetMapping("/{key}")
  ProcessInstanceResult get(@PathVariable("key") String key) {
    long processInstanceKey = Keys.parse(key, "processInstanceKey");
    return engine.stores().queries().processInstances().find(processInstanceKey)
        .map(ProcessInstanceSearchController::result).orElseThrow(() -> new EngineProblems.NotFound(
            "Process instance with key '%d' not found".formatted(processInstanceKey)));
  }

  /** The incidents of one process instance. */
  @PostMapping("/{key}/incidents/search")
  IncidentSearchQueryResult incidents(@PathVariable("key") String key, @RequestBody(required = false) JsonNode body) {
    long processInstanceKey = Keys.parse(key, "processInstanceKey");
    engine.stores().queries().processInstances().find(processInstanceKey).orElseThrow(() ->
        new EngineProblems.NotFound("Process instance with key '%d' not found".formatted(processInstanceKey)));
    ProcessInstanceIncidentSearchQuery request = SearchRequests.read(body, ProcessInstanceIncidentSearchQuery.class);
    Search.Query query = new Search.Query(new Filters().key("processInstanceKey", key).criteria(),
        SearchRequests.sort(request.getSort(), s -> s.getField(), s -> s.getOrder()),
        SearchRequests.page(request.getPage()));
    var page = engine.stores().queries().incidents().search(query);
    return new IncidentSearchQueryResult()
        .items(page.items().stream().map(IncidentSearchController::result).toList())
        .page(SearchRequests.page(page));
  }

  private static List<Criterion> criteria(ProcessInstanceFilter f) {
    Filters filters = new Filters()
        .string("processDefinitionId", f.getProcessDefinitionId())
        .string("processDefinitionName", f.getProcessDefinitionName())
        .integer("processDefinitionVersion", f.getProcessDefinitionVersion())
        .string("processDefinitionVersionTag", f.getProcessDefinitionVersionTag())
        .key("processDefinitionKey", f.getProcessDefinitionKey())
        .date("startDate", f.getStartDate())
        .date("endDate", f.getEndDate())
        .state("state", f.getState())
        .bool("hasIncident", f.getHasIncident())
        .string("tenantId", f.getTenantId())
        .variables("variables", f.getVariables())
        .key("processInstanceKey", f.getProcessInstanceKey())
        .key("parentProcessInstanceKey", f.getParentProcessInstanceKey())
        .key("parentElementInstanceKey", f.getParentElementInstanceKey())
        .unsupported("batchOperationId", f.getBatchOperationId())
        .unsupported("hasRetriesLeft", f.getHasRetriesLeft())
        .unsupported("incidentErrorHashCode", f.getIncidentErrorHashCode());
    Set<String> tags = f.getTags();
    if (tags != null) {
      tags.forEach(tag -> filters.string("tags", tag));
    }
    if (f.getErrorMessage() != null) {
      filters.add(new Search.Related("incidents", new Filters().string("errorMessage", f.getErrorMessage()).criteria()));
    }
    if (f.getElementId() != null || f.getElementInstanceState() != null || f.getHasElementInstanceIncident() != null) {
      filters.add(new Search.Related("elementInstances", new Filters()
          .string("elementId", f.getElementId())
          .state("elementInstanceState", f.getElementInstanceState())
          .bool("hasElementInstanceIncident", f.getHasElementInstanceIncident())
          .criteria()));
    }
    if (f.get$Or() != null) {
      List<List<Criterion>> alternatives = new ArrayList<>();
      for (ProcessInstanceFilterFields alternative : f.get$Or()) {
        if (alternative == null) {
          throw new InvalidRequest("Expected each alternative of filter.$or to be an object, but one is null");
        }
        alternatives.add(criteria(SearchRequests.STRICT.convertValue(alternative, ProcessInstanceFilter.class)));
      }
      filters.add(new Search.AnyOf(alternatives));
    }
    return filters.criteria();
  }

  static ProcessInstanceResult result(ProcessInstanceView p) {
    return new ProcessInstanceResult()
        .processInstanceKey(Keys.format(p.key()))
        .processDefinitionId(p.bpmnProcessId())
        .processDefinitionName(p.processName())
        .processDefinitionVersion(p.version())
        .processDefinitionVersionTag(p.versionTag())
        .processDefinitionKey(Keys.format(p.processDefinitionKey()))
        .state(ProcessInstanceStateEnum.fromValue(p.state()))
        .hasIncident(p.hasIncident())
        .startDate(SearchRequests.date(p.startDate()))
        .endDate(SearchRequests.date(p.endDate()))
        .tenantId(p.tenantId())
        .tags(Set.of());
  }
}

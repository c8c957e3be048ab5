package io.tandem.engine.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.camunda.client.protocol.rest.IncidentFilter;
import io.camunda.client.protocol.rest.IncidentResult;
import io.camunda.client.protocol.rest.IncidentSearchQuery;
import io.camunda.client.protocol.rest.IncidentSearchQueryResult;
import io.tandem.engine.ConditionalOnEngine;
import io.tandem.engine.api.SearchRequests.Filters;
import io.tandem.engine.processing.Engine;
import io.tandem.engine.store.IncidentQueries.IncidentView;
import io.tandem.engine.store.Search;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Incident search and lookup (resolution lives in {@link IncidentController}). */
@ConditionalOnEngine
@RestController
@RequestMapping("/v2/incidents")
class IncidentSearchController {

  private final Engine engine;

  IncidentSearchController(Engine engine) {
    this.engine = engine;
  }

  @PostMapping("/search")
  IncidentSearchQueryResult search(@RequestBody(required = false) JsonNode body) {
    IncidentSearchQuery request = SearchRequests.read(body, IncidentSearchQuery.class);
    Filters filters = new Filters();
    IncidentFilter f = request.getFilter();
    if (f != null) {
      filters.string("processDefinitionId", f.getProcessDefinitionId())
          .enumeration("errorType", f.getErrorType())
          .string("errorMessage", f.getErrorMessage())
          .string("elementId", f.getElementId())
          .date("creationTime", f.getCreationTime())
          .enumeration("state", f.getState())
          .string("tenantId", f.getTenantId())
          .key("incidentKey", f.getIncidentKey())
          .key("processDefinitionKey", f.getProcessDefinitionKey())
          .key("processInstanceKey", f.getProcessInstanceKey())
          .key("elementInstanceKey", f.getElementInstanceKey())
          .key("jobKey", f.getJobKey());
    }
    Search.Query query = new Search.Query(filters.criteria(),
        SearchRequests.sort(request.getSort(), s -> s.getField(), s -> s.getOrder()),
        SearchRequests.page(request.getPage()));
    var page = engine.stores().queries().incidents().search(query);
    return new IncidentSearchQueryResult()
        .items(page.items().stream().map(IncidentSearchController::result).toList())
        .page(SearchRequests.page(page));
  }

  @GetMapping("/{key}")
  IncidentResult get(@PathVariable("key") String key) {
    long incidentKey = Keys.parse(key, "incidentKey");
    return engine.stores().queries().incidents().find(incidentKey).map(IncidentSearchController::result)
        .orElseThrow(() -> new EngineProblems.NotFound("Incident with key '%d' not found".formatted(incidentKey)));
  }

  static IncidentResult result(IncidentView i) {
    return new IncidentResult()
        .incidentKey(Keys.format(i.key()))
        .processDefinitionId(i.bpmnProcessId())
        .processDefinitionKey(Keys.format(i.processDefinitionKey()))
        .processInstanceKey(Keys.format(i.processInstanceKey()))
        .errorType(IncidentResult.ErrorTypeEnum.fromValue(i.errorType()))
        .errorMessage(i.errorMessage())
        .elementId(i.elementId())
        .elementInstanceKey(Keys.format(i.elementInstanceKey()))
        .creationTime(SearchRequests.date(i.creationTime()))
        .state(IncidentResult.StateEnum.fromValue(i.state()))
        .jobKey(i.jobKey() == null ? null : Keys.format(i.jobKey()))
        .tenantId(i.tenantId());
  }
}

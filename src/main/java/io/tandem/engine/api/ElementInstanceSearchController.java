package io.tandem.engine.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.camunda.client.protocol.rest.ElementInstanceFilter;
import io.camunda.client.protocol.rest.ElementInstanceResult;
import io.camunda.client.protocol.rest.ElementInstanceSearchQuery;
import io.camunda.client.protocol.rest.ElementInstanceSearchQueryResult;
import io.camunda.client.protocol.rest.ElementInstanceStateEnum;
import io.tandem.engine.ConditionalOnEngine;
import io.tandem.engine.api.SearchRequests.Filters;
import io.tandem.engine.processing.Engine;
import io.tandem.engine.store.ElementInstanceQueries.ElementInstanceView;
import io.tandem.engine.store.Search;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Element instance search and lookup (setting variables lives in {@link ElementInstanceController}). */
@ConditionalOnEngine
@RestController
@RequestMapping("/v2/element-instances")
class ElementInstanceSearchController {

  private final Engine engine;

  ElementInstanceSearchController(Engine engine) {
    this.engine = engine;
  }

  @PostMapping("/search")
  ElementInstanceSearchQueryResult search(@RequestBody(required = false) JsonNode body) {
    ElementInstanceSearchQuery request = SearchRequests.read(body, ElementInstanceSearchQuery.class);
    Filters filters = new Filters();
    ElementInstanceFilter f = request.getFilter();
    if (f != null) {
      filters.string("processDefinitionId", f.getProcessDefinitionId())
          .state("state", f.getState())
          .enumeration("type", f.getType())
          .string("elementId", f.getElementId())
          .string("elementName", f.getElementName())
          .bool("hasIncident", f.getHasIncident())
          .string("tenantId", f.getTenantId())
          .key("elementInstanceKey", f.getElementInstanceKey())
          .key("processInstanceKey", f.getProcessInstanceKey())
          .key("processDefinitionKey", f.getProcessDefinitionKey())
          .key("incidentKey", f.getIncidentKey())
          .date("startDate", f.getStartDate())
          .date("endDate", f.getEndDate())
          .key("elementInstanceScopeKey", f.getElementInstanceScopeKey());
    }
    Search.Query query = new Search.Query(filters.criteria(),
        SearchRequests.sort(request.getSort(), s -> s.getField(), s -> s.getOrder()),
        SearchRequests.page(request.getPage()));
    var page = engine.stores().queries().elementInstances().search(query);
    return new ElementInstanceSearchQueryResult()
        .items(page.items().stream().map(ElementInstanceSearchController::result).toList())
        .page(SearchRequests.page(page));
  }

  @GetMapping("/{key}")
  ElementInstanceResult get(@PathVariable("key") String key) {
    long elementInstanceKey = Keys.parse(key, "elementInstanceKey");
    return engine.stores().queries().elementInstances().find(elementInstanceKey)
        .map(ElementInstanceSearchController::result).orElseThrow(() -> new EngineProblems.NotFound(
            "Element instance with key '%d' not found".formatted(elementInstanceKey)));
  }

  static ElementInstanceResult result(ElementInstanceView e) {
    return new ElementInstanceResult()
        .elementInstanceKey(Keys.format(e.key()))
        .processInstanceKey(Keys.format(e.processInstanceKey()))
        .processDefinitionKey(Keys.format(e.processDefinitionKey()))
        .processDefinitionId(e.bpmnProcessId())
        .elementId(e.elementId())
        .elementName(e.elementName())
        .type(ElementInstanceResult.TypeEnum.fromValue(e.type()))
        .state(ElementInstanceStateEnum.fromValue(e.state()))
        .hasIncident(e.incidentKey() != null)
        .incidentKey(e.incidentKey() == null ? null : Keys.format(e.incidentKey()))
        .startDate(SearchRequests.date(e.startDate()))
        .endDate(SearchRequests.date(e.endDate()))
        .tenantId(e.tenantId());
  }
}

package io.tandem.engine.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.camunda.client.protocol.rest.VariableFilter;
import io.camunda.client.protocol.rest.VariableResult;
import io.camunda.client.protocol.rest.VariableSearchQuery;
import io.camunda.client.protocol.rest.VariableSearchQueryResult;
import io.camunda.client.protocol.rest.VariableSearchResult;
import io.tandem.engine.ConditionalOnEngine;
import io.tandem.engine.api.SearchRequests.Filters;
import io.tandem.engine.processing.Engine;
import io.tandem.engine.store.Search;
import io.tandem.engine.store.VariableQueries.VariableView;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Variables of all scopes, values as JSON text; long values truncated in searches unless asked. */
@ConditionalOnEngine
@RestController
@RequestMapping("/v2/variables")
class VariableController {

  private final Engine engine;

  VariableController(Engine engine) {
    this.engine = engine;
  }

  @PostMapping("/search")
  VariableSearchQueryResult search(
      @RequestParam(name = "truncateValues", required = false, defaultValue = "true") boolean truncate,
      @RequestBody(required = false) JsonNode body) {
    VariableSearchQuery request = SearchRequests.read(body, VariableSearchQuery.class);
    Filters filters = new Filters();
    VariableFilter f = request.getFilter();
    if (f != null) {
      filters.string("name", f.getName())
          .string("value", f.getValue())
          .string("tenantId", f.getTenantId())
          .bool("isTruncated", f.getIsTruncated())
          .key("variableKey", f.getVariableKey())
          .key("scopeKey", f.getScopeKey())
          .key("processInstanceKey", f.getProcessInstanceKey());
    }
    Search.Query query = new Search.Query(filters.criteria(),
        SearchRequests.sort(request.getSort(), s -> s.getField(), s -> s.getOrder()),
        SearchRequests.page(request.getPage()));
    var page = engine.stores().queries().variables().search(query, truncate);
    return new VariableSearchQueryResult()
        .items(page.items().stream().map(VariableController::result).toList())
        .page(SearchRequests.page(page));
  }

  @GetMapping("/{key}")
  VariableResult get(@PathVariable("key") String key) {
    long variableKey = Keys.parse(key, "variableKey");
    VariableView v = engine.stores().queries().variables().find(variableKey).orElseThrow(() ->
        new EngineProblems.NotFound("Variable with key '%d' not found".formatted(variableKey)));
    return new VariableResult().variableKey(Keys.format(v.key())).name(v.name()).value(v.value())
        .scopeKey(Keys.format(v.scopeKey())).processInstanceKey(Keys.format(v.processInstanceKey()))
        .tenantId(v.tenantId());
  }

  static VariableSearchResult result(VariableView v) {
    return new VariableSearchResult().variableKey(Keys.format(v.key())).name(v.name()).value(v.value())
        .isTruncated(v.truncated()).scopeKey(Keys.format(v.scopeKey()))
        .processInstanceKey(Keys.format(v.processInstanceKey())).tenantId(v.tenantId());
  }
}

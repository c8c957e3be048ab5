package io.tandem.engine.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.camunda.client.protocol.rest.DecisionDefinitionFilter;
import io.camunda.client.protocol.rest.DecisionDefinitionResult;
import io.camunda.client.protocol.rest.DecisionDefinitionSearchQuery;
import io.camunda.client.protocol.rest.DecisionDefinitionSearchQueryResult;
import io.tandem.engine.ConditionalOnEngine;
import io.tandem.engine.api.SearchRequests.Filters;
import io.tandem.engine.processing.Engine;
import io.tandem.engine.store.DefinitionQueries.DecisionDefinitionView;
import io.tandem.engine.store.ResourceStore.ResourceRow;
import io.tandem.engine.store.Search;
import java.nio.charset.StandardCharsets;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Deployed decision definitions: search and one by key (evaluation lives in {@link DecisionController}). */
@ConditionalOnEngine
@RestController
@RequestMapping("/v2/decision-definitions")
class DecisionDefinitionSearchController {

  private final Engine engine;

  DecisionDefinitionSearchController(Engine engine) {
    this.engine = engine;
  }

  @PostMapping("/search")
  DecisionDefinitionSearchQueryResult search(@RequestBody(required = false) JsonNode body) {
    DecisionDefinitionSearchQuery request = SearchRequests.read(body, DecisionDefinitionSearchQuery.class);
    Filters filters = new Filters();
    DecisionDefinitionFilter f = request.getFilter();
    if (f != null) {
      filters.string("decisionDefinitionId", f.getDecisionDefinitionId())
          .string("name", f.getName())
          .integer("version", f.getVersion())
          .string("decisionRequirementsId", f.getDecisionRequirementsId())
          .string("tenantId", f.getTenantId())
          .key("decisionDefinitionKey", f.getDecisionDefinitionKey())
          .key("decisionRequirementsKey", f.getDecisionRequirementsKey());
    }
    Search.Query query = new Search.Query(filters.criteria(),
        SearchRequests.sort(request.getSort(), s -> s.getField(), s -> s.getOrder()),
        SearchRequests.page(request.getPage()));
    var page = engine.stores().queries().definitions().searchDecisions(query);
    return new DecisionDefinitionSearchQueryResult()
        .items(page.items().stream().map(DecisionDefinitionSearchController::result).toList())
        .page(SearchRequests.page(page));
  }

  @GetMapping("/{key}")
  DecisionDefinitionResult get(@PathVariable("key") String key) {
    long decisionKey = Keys.parse(key, "decisionDefinitionKey");
    return engine.stores().queries().definitions().findDecision(decisionKey)
        .map(DecisionDefinitionSearchController::result).orElseThrow(() -> new EngineProblems.NotFound(
            "Decision definition with key '%d' not found".formatted(decisionKey)));
  }

  /** The DMN XML of the decision requirements graph the decision belongs to. */
  @GetMapping("/{key}/xml")
  ResponseEntity<String> xml(@PathVariable("key") String key) {
    long decisionKey = Keys.parse(key, "decisionDefinitionKey");
    DecisionDefinitionView decision = engine.stores().queries().definitions().findDecision(decisionKey)
        .orElseThrow(() -> new EngineProblems.NotFound("Decision definition with key '%d' not found".formatted(decisionKey)));
    ResourceRow graph = engine.stores().resources().find(decision.decisionRequirementsKey()).orElseThrow();
    return ResponseEntity.ok().contentType(MediaType.TEXT_XML).body(new String(graph.content(), StandardCharsets.UTF_8));
  }

  static DecisionDefinitionResult result(DecisionDefinitionView d) {
    return new DecisionDefinitionResult()
        .decisionDefinitionKey(Keys.format(d.key()))
        .decisionDefinitionId(d.decisionId())
        .name(d.name())
        .version(d.version())
        .decisionRequirementsKey(Keys.format(d.decisionRequirementsKey()))
        .decisionRequirementsId(d.decisionRequirementsId())
        .tenantId(d.tenantId());
  }
}

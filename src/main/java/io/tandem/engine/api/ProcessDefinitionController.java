package io.tandem.engine.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.camunda.client.protocol.rest.FormResult;
import io.camunda.client.protocol.rest.ProcessDefinitionFilter;
import io.camunda.client.protocol.rest.ProcessDefinitionResult;
import io.camunda.client.protocol.rest.ProcessDefinitionSearchQuery;
import io.camunda.client.protocol.rest.ProcessDefinitionSearchQueryResult;
import io.tandem.engine.ConditionalOnEngine;
import io.tandem.engine.api.SearchRequests.Filters;
import io.tandem.engine.expression.Result;
import io.tandem.engine.model.ExecutableElement;
import io.tandem.engine.model.ExecutableProcess;
import io.tandem.engine.processing.Engine;
import io.tandem.engine.store.DefinitionQueries.ProcessDefinitionView;
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

/** Deployed process definitions: search, one by key, its BPMN XML and its start form. */
@ConditionalOnEngine
@RestController
@RequestMapping("/v2/process-definitions")
class ProcessDefinitionController {

  private final Engine engine;

  ProcessDefinitionController(Engine engine) {
    this.engine = engine;
  }

  @PostMapping("/search")
  ProcessDefinitionSearchQueryResult search(@RequestBody(required = false) JsonNode body) {
    ProcessDefinitionSearchQuery request = SearchRequests.read(body, ProcessDefinitionSearchQuery.class);
    Filters filters = new Filters();
    ProcessDefinitionFilter f = request.getFilter();
    if (f != null) {
      filters.string("name", f.getName())
          .bool("isLatestVersion", f.getIsLatestVersion())
          .string("resourceName", f.getResourceName())
          .integer("version", f.getVersion())
          .string("versionTag", f.getVersionTag())
          .string("processDefinitionId", f.getProcessDefinitionId())
          .string("tenantId", f.getTenantId())
          .key("processDefinitionKey", f.getProcessDefinitionKey())
          .bool("hasStartForm", f.getHasStartForm());
    }
    Search.Query query = new Search.Query(filters.criteria(),
        SearchRequests.sort(request.getSort(), s -> s.getField(), s -> s.getOrder()),
        SearchRequests.page(request.getPage()));
    var page = engine.stores().queries().definitions().searchProcesses(query);
    return new ProcessDefinitionSearchQueryResult()
        .items(page.items().stream().map(ProcessDefinitionController::result).toList())
        .page(SearchRequests.page(page));
  }

  @GetMapping("/{key}")
  ProcessDefinitionResult get(@PathVariable("key") String key) {
    return result(definition(key));
  }

  @GetMapping("/{key}/xml")
  ResponseEntity<String> xml(@PathVariable("key") String key) {
    ProcessDefinitionView definition = definition(key);
    ResourceRow resource = engine.stores().resources().find(definition.key()).orElseThrow();
    return ResponseEntity.ok().contentType(MediaType.TEXT_XML)
        .body(new String(resource.content(), StandardCharsets.UTF_8));
  }

  /** The form linked to the process's none start event, in the version its binding selects. */
  @GetMapping("/{key}/form")
  ResponseEntity<FormResult> form(@PathVariable("key") String key) {
    ProcessDefinitionView definition = definition(key);
    ExecutableProcess process = engine.processes().byKey(definition.key()).orElseThrow();
    ExecutableElement start = process.root().noneStartEvent();
    if (start == null || start.form() == null) {
      return ResponseEntity.noContent().build();
    }
    Result<Long> formKey = engine.forms().resolve(start.form(), definition.key(), definition.tenantId());
    if (!formKey.isOk()) {
      throw new EngineProblems.NotFound(formKey.failure());
    }
    return engine.forms().byKey(formKey.value()).map(FormController::result).map(ResponseEntity::ok)
        .orElseGet(() -> ResponseEntity.noContent().build());
  }

  private ProcessDefinitionView definition(String key) {
    long definitionKey = Keys.parse(key, "processDefinitionKey");
    return engine.stores().queries().definitions().findProcess(definitionKey).orElseThrow(() ->
        new EngineProblems.NotFound("Process definition with key '%d' not found".formatted(definitionKey)));
  }

  static ProcessDefinitionResult result(ProcessDefinitionView p) {
    return new ProcessDefinitionResult()
        .processDefinitionKey(Keys.format(p.key()))
        .processDefinitionId(p.bpmnProcessId())
        .name(p.name())
        .version(p.version())
        .versionTag(p.versionTag())
        .resourceName(p.resourceName())
        .hasStartForm(p.hasStartForm())
        .tenantId(p.tenantId());
  }
}

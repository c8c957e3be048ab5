package io.tandem.engine.api;

import io.tandem.engine.ConditionalOnEngine;

import io.camunda.client.protocol.rest.CreateProcessInstanceResult;
import io.camunda.client.protocol.rest.ProcessInstanceCreationInstruction;
import io.tandem.engine.model.ExecutableProcess;
import io.tandem.engine.processing.Engine;
import io.tandem.engine.processing.ProcessInstanceCommands.CreatedInstance;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@ConditionalOnEngine
@RestController
@RequestMapping("/v2/process-instances")
class ProcessInstanceController {

  private static final Duration DEFAULT_AWAIT = Duration.ofSeconds(10);
  private final Engine engine;

  ProcessInstanceController(Engine engine) {
    this.engine = engine;
  }

  @PostMapping
  CompletableFuture<ResponseEntity<?>> create(@RequestBody ProcessInstanceCreationInstruction request) {
    String tenant = Keys.tenant(request.getTenantId());
    Long definitionKey = request.getProcessDefinitionKey() == null ? null
        : Keys.parse(request.getProcessDefinitionKey(), "processDefinitionKey");
    ExecutableProcess process = engine.instances().resolve(definitionKey,
        request.getProcessDefinitionId(), request.getProcessDefinitionVersion(), tenant);
    Map<String, Object> variables = request.getVariables();
    boolean await = Boolean.TRUE.equals(request.getAwaitCompletion());
    CreatedInstance created = engine.instances().create(process, variables, await);
    if (!await) {
      return CompletableFuture.completedFuture(ResponseEntity.ok(result(created, null)));
    }
    Duration timeout = request.getRequestTimeout() == null || request.getRequestTimeout() <= 0
        ? DEFAULT_AWAIT : Duration.ofMillis(request.getRequestTimeout());
    return created.ended().orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).handle((document, failure) -> {
      engine.notifications().stopAwaiting(created.processInstanceKey());
      if (failure != null) {
        return failure instanceof TimeoutException || failure.getCause() instanceof TimeoutException
            ? EngineProblems.problem(HttpStatus.GATEWAY_TIMEOUT, "DEADLINE_EXCEEDED",
                "Expected to complete process instance '%d' within %s, but it did not"
                    .formatted(created.processInstanceKey(), timeout))
            : EngineProblems.problem(HttpStatus.INTERNAL_SERVER_ERROR, "INTERNAL", failure.getMessage());
      }
      Map<String, Object> result = document.localVariables(document.key);
      List<String> fetch = request.getFetchVariables();
      if (fetch != null && !fetch.isEmpty()) {
        result.keySet().retainAll(fetch);
      }
      return ResponseEntity.ok(result(created, result));
    });
  }

  private static CreateProcessInstanceResult result(CreatedInstance created, Map<String, Object> variables) {
    return new CreateProcessInstanceResult()
        .processInstanceKey(Keys.format(created.processInstanceKey()))
        .processDefinitionKey(Keys.format(created.processDefinitionKey()))
        .processDefinitionId(created.bpmnProcessId())
        .processDefinitionVersion(created.version())
        .tenantId(created.tenantId())
        .variables(variables == null ? Map.of() : variables);
  }

  @PostMapping("/{key}/cancellation")
  ResponseEntity<Void> cancel(@PathVariable("key") String key) {
    engine.instances().cancel(Keys.parse(key, "processInstanceKey"));
    return ResponseEntity.noContent().build();
  }
}

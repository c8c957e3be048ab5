package io.tandem.engine.api;

import io.tandem.engine.ConditionalOnEngine;

import io.camunda.client.protocol.rest.CreateProcessInstanceResult;
import io.camunda.client.protocol.rest.ProcessInstanceCreationInstruction;
import io.tandem.engine.model.ExecutableProcess;
import io.tandem.engine.processing.Engine;
import io.tandem.engine.processing.ProcessInstanceCommands.CreatedInstance;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
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
    long requestTimeout = request.getRequestTimeout() == null ? 0 : request.getRequestTimeout();
    return InstanceResults.await(engine, created, requestTimeout, request.getFetchVariables())
        .<ResponseEntity<?>>thenApply(rootVariables -> ResponseEntity.ok(result(created, rootVariables)))
        .exceptionally(failure -> {
          Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
          return cause instanceof InstanceResults.NotEndedInTime notEnded
              ? EngineProblems.problem(HttpStatus.GATEWAY_TIMEOUT, "DEADLINE_EXCEEDED", notEnded.getMessage())
              : EngineProblems.problem(HttpStatus.INTERNAL_SERVER_ERROR, "INTERNAL", cause.getMessage());
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

package io.tandem.engine.processing;

import io.tandem.engine.model.ExecutableProcess;
import io.tandem.engine.state.ElementInstance;
import io.tandem.engine.state.InstanceDocument;
import io.tandem.engine.store.KeyGenerator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** Creating and cancelling process instances, and setting variables on their scopes. */
public final class ProcessInstanceCommands {

  /** {@code ended} completes when the instance ends, if the creator asked to await that; else null. */
  public record CreatedInstance(long processInstanceKey, String bpmnProcessId, int version,
      long processDefinitionKey, String tenantId, CompletableFuture<InstanceDocument> ended) {}

  private final GroupCommit commits;
  private final ProcessRepository processes;
  private final ElementLifecycle lifecycle;
  private final KeyGenerator keys;
  private final org.springframework.jdbc.core.JdbcTemplate jdbc;
  private final EngineNotifications notifications;

  ProcessInstanceCommands(GroupCommit commits, ProcessRepository processes,
      ElementLifecycle lifecycle, KeyGenerator keys, org.springframework.jdbc.core.JdbcTemplate jdbc,
      EngineNotifications notifications) {
    this.commits = commits;
    this.processes = processes;
    this.lifecycle = lifecycle;
    this.keys = keys;
    this.jdbc = jdbc;
    this.notifications = notifications;
  }

  /** Finds the version to start: by key, or by id and version (latest when version is null). */
  public ExecutableProcess resolve(Long processDefinitionKey, String bpmnProcessId, Integer version,
      String tenantId) {
    if (processDefinitionKey != null) {
      return processes.byKey(processDefinitionKey).orElseThrow(() -> Rejection.notFound("CREATE",
          "Expected to find process definition with key '%d', but none found", processDefinitionKey));
    }
    if (bpmnProcessId == null || bpmnProcessId.isBlank()) {
      throw Rejection.invalidArgument("CREATE",
          "Expected either a process definition key or a process definition id, but none given");
    }
    if (version == null || version < 0) {
      return processes.latest(bpmnProcessId, tenantId).orElseThrow(() -> Rejection.notFound("CREATE",
          "Expected to find process definition with process ID '%s', but none found", bpmnProcessId));
    }
    return processes.version(bpmnProcessId, version, tenantId).orElseThrow(() -> Rejection.notFound(
        "CREATE", "Expected to find process definition with process ID '%s' and version '%d', but none found",
        bpmnProcessId, version));
  }

  /**
   * Creates and starts an instance. With {@code awaitEnd} the waiter is registered before the
   * commit, so an instance that ends at once (or in another thread right after) is never missed.
   */
  public CreatedInstance create(ExecutableProcess process, Map<String, Object> variables, boolean awaitEnd) {
    long key = keys.nextKey();
    CompletableFuture<InstanceDocument> ended = awaitEnd ? notifications.awaitEnd(key) : null;
    try {
      commits.execute(InstanceCommand.onNewInstance(() -> newDocument(key, process), ctx -> {
        InstanceDocument document = ctx.document;
        document.startedAtMillis = ctx.nowMillis();
        if (variables != null && !variables.isEmpty()) {
          document.setLocal(document.key, new LinkedHashMap<>(variables));
        }
        ctx.record("PROCESS_INSTANCE_CREATION", "CREATED", document.key, process.bpmnProcessId(),
            null, null, null);
        lifecycle.activateProcess(ctx);
        return null;
      }));
    } catch (RuntimeException failed) {
      if (awaitEnd) {
        notifications.stopAwaiting(key);
      }
      throw failed;
    }
    return new CreatedInstance(key, process.bpmnProcessId(), process.version(), process.key(),
        process.tenantId(), ended);
  }

  private static InstanceDocument newDocument(long key, ExecutableProcess process) {
    InstanceDocument document = new InstanceDocument();
    document.key = key;
    document.bpmnProcessId = process.bpmnProcessId();
    document.processDefinitionKey = process.key();
    document.version = process.version();
    document.tenantId = process.tenantId();
    return document;
  }

  public void cancel(long processInstanceKey) {
    commits.execute(InstanceCommand.onInstance(processInstanceKey, () -> notFoundForCancel(processInstanceKey),
        ctx -> {
          if (ctx.document.state != InstanceDocument.InstanceState.ACTIVE) {
            throw notFoundForCancel(processInstanceKey);
          }
          lifecycle.terminateProcess(ctx);
          return true;
        }));
  }

  private static RuntimeException notFoundForCancel(long key) {
    return Rejection.notFound("CANCEL",
        "Expected to cancel a process instance with key '%d', but no such process was found", key);
  }

  /** Sets variables on an element instance's scope: locally, or propagated like a job's; gives the update's key. */
  public long setVariables(long elementInstanceKey, Map<String, Object> variables, boolean local) {
    Long processInstanceKey = processInstanceOf(elementInstanceKey);
    RuntimeException notFound = Rejection.notFound("UPDATE",
        "Expected to update variables for element with key '%d', but no such element was found",
        elementInstanceKey);
    if (processInstanceKey == null) {
      throw notFound;
    }
    return commits.execute(InstanceCommand.onInstance(processInstanceKey, () -> notFound, ctx -> {
      ElementInstance scope = ctx.document.element(elementInstanceKey);
      if (scope == null) {
        throw notFound;
      }
      if (local) {
        ctx.document.setLocal(elementInstanceKey, new LinkedHashMap<>(variables));
      } else {
        ctx.document.propagate(elementInstanceKey, new LinkedHashMap<>(variables));
      }
      long key = keys.nextKey();
      ctx.record("VARIABLE_DOCUMENT", "UPDATED", key, scope.elementId, null,
          elementInstanceKey, Map.of("local", local));
      return key;
    }));
  }

  /** The process instance an element instance belongs to, from the element instance projection. */
  public Long processInstanceOf(long elementInstanceKey) {
    return jdbc.query("select process_instance_key from engine_element_instance where key = ?",
        rs -> rs.next() ? rs.getLong(1) : null, elementInstanceKey);
  }
}

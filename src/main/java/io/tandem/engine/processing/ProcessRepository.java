package io.tandem.engine.processing;

import io.camunda.zeebe.model.bpmn.Bpmn;
import io.tandem.engine.model.ExecutableProcess;
import io.tandem.engine.model.ProcessCompiler;
import io.tandem.engine.store.ResourceStore;
import java.io.ByteArrayInputStream;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Compiled process versions by key, compiled once from the stored XML and then cached. */
public final class ProcessRepository {

  public static final String PROCESS = "PROCESS";

  private final ResourceStore resources;
  private final ProcessCompiler compiler;
  private final Map<Long, ExecutableProcess> byKey = new ConcurrentHashMap<>();

  public ProcessRepository(ResourceStore resources, ProcessCompiler compiler) {
    this.resources = resources;
    this.compiler = compiler;
  }

  public Optional<ExecutableProcess> byKey(long key) {
    ExecutableProcess cached = byKey.get(key);
    if (cached != null) {
      return Optional.of(cached);
    }
    return resources.find(key).filter(r -> r.kind().equals(PROCESS)).map(row -> {
      var model = Bpmn.readModelFromStream(new ByteArrayInputStream(row.content()));
      var compiled = compiler.compile(model).processes().stream()
          .filter(p -> p.bpmnProcessId().equals(row.resourceId())).findFirst().orElseThrow();
      var process = new ExecutableProcess(row.key(), row.resourceId(), row.version(),
          row.tenantId(), compiled.root(), compiled.elements());
      byKey.put(key, process);
      return process;
    });
  }

  public Optional<ExecutableProcess> latest(String bpmnProcessId, String tenantId) {
    return resources.latestKey(PROCESS, bpmnProcessId, tenantId).flatMap(this::byKey);
  }

  public Optional<ExecutableProcess> version(String bpmnProcessId, int version, String tenantId) {
    return resources.version(PROCESS, bpmnProcessId, version, tenantId).flatMap(r -> byKey(r.key()));
  }
}

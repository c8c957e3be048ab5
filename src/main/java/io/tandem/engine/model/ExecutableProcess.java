package io.tandem.engine.model;

import java.util.Map;

/** A deployed process version, compiled: its elements by id. */
public record ExecutableProcess(
    long key,
    String bpmnProcessId,
    int version,
    String tenantId,
    ExecutableElement root,
    Map<String, ExecutableElement> elements) {

  public ExecutableElement element(String id) {
    ExecutableElement element = elements.get(id);
    if (element == null) {
      throw new IllegalStateException("no element '" + id + "' in process " + bpmnProcessId);
    }
    return element;
  }
}

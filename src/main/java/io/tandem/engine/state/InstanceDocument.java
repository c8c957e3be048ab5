package io.tandem.engine.state;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The runtime state of one process instance: its live element instances and variables by scope.
 * Loaded under a row lock, changed by one command, written back in the same transaction.
 */
public final class InstanceDocument {
  public long key;
  public String bpmnProcessId;
  public long processDefinitionKey;
  public int version;
  public String tenantId;
  public InstanceState state = InstanceState.ACTIVE;
  public long startedAtMillis;
  public Long endedAtMillis;
  public Map<Long, ElementInstance> elements = new LinkedHashMap<>();
  public Map<Long, Map<String, Object>> variables = new LinkedHashMap<>();
  /** Variables written by the current command, as (scope key, name): for the search projection. */
  public transient Map<VariableRef, Object> changedVariables = new LinkedHashMap<>();

  public record VariableRef(long scopeKey, String name) {}

  public enum InstanceState {
    ACTIVE,
    COMPLETED,
    TERMINATED
  }

  public ElementInstance element(long key) {
    return elements.get(key);
  }

  public List<ElementInstance> children(long scopeKey) {
    List<ElementInstance> children = new ArrayList<>();
    for (ElementInstance element : elements.values()) {
      if (element.flowScopeKey == scopeKey && element.key != scopeKey) {
        children.add(element);
      }
    }
    return children;
  }

  public Map<String, Object> localVariables(long scopeKey) {
    return variables.computeIfAbsent(scopeKey, k -> new LinkedHashMap<>());
  }

  /** Every variable visible from a scope: inner scopes shadow outer ones. */
  public Map<String, Object> visibleVariables(long scopeKey) {
    List<Long> chain = new ArrayList<>();
    for (Long scope = scopeKey; scope != null; scope = parentScope(scope)) {
      chain.add(scope);
    }
    Map<String, Object> visible = new LinkedHashMap<>();
    for (int i = chain.size() - 1; i >= 0; i--) {
      Map<String, Object> local = variables.get(chain.get(i));
      if (local != null) {
        visible.putAll(local);
      }
    }
    return visible;
  }

  /** The enclosing scope, or null above the process instance. */
  public Long parentScope(long scopeKey) {
    if (scopeKey == key) {
      return null;
    }
    ElementInstance element = elements.get(scopeKey);
    return element == null ? null : element.flowScopeKey;
  }

  /**
   * Camunda's propagation: each variable goes up from the scope to the nearest scope that already
   * has it; if none has it, it is created at the process instance.
   */
  public void propagate(long fromScope, Map<String, Object> document) {
    document.forEach((name, value) -> {
      for (Long scope = fromScope; scope != null; scope = parentScope(scope)) {
        Map<String, Object> local = variables.get(scope);
        if (local != null && local.containsKey(name)) {
          local.put(name, value);
          markChanged(scope, name, value);
          return;
        }
      }
      localVariables(key).put(name, value);
      markChanged(key, name, value);
    });
  }

  public void setLocal(long scopeKey, Map<String, Object> document) {
    localVariables(scopeKey).putAll(document);
    document.forEach((name, value) -> markChanged(scopeKey, name, value));
  }

  public void markChanged(long scopeKey, String name, Object value) {
    if (changedVariables == null) {
      changedVariables = new LinkedHashMap<>();
    }
    changedVariables.put(new VariableRef(scopeKey, name), value);
  }
}

package io.tandem.engine.state;

import io.tandem.engine.model.ElementKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A live element instance inside a process instance's document. */
public final class ElementInstance {
  public long key;
  public String elementId;
  public ElementKind kind;
  public long flowScopeKey; // 0 for the process itself
  public ElementState state;
  /** Child element instances that are alive (containers and multi-instance bodies). */
  public int activeChildren;
  /** Tokens waiting at parallel joins in this scope: "gatewayId" -> flow ids that arrived, with repeats. */
  public Map<String, List<String>> joinTokens;
  public Long jobKey;
  /** The open Camunda user task of a user task element. */
  public Long userTaskKey;
  /** The lifecycle transition of that task whose task listeners run. */
  public TaskTransition taskTransition;
  /** The flow an exclusive gateway chose on activation. */
  public String chosenFlow;
  public Long incidentKey;
  /** The interrupting event to activate once this instance, still terminating, is gone. */
  public String interruptedBy;
  public Map<String, Object> interruptionVariables;
  /** Whether timers or message subscriptions wait on this instance (its own or its boundaries'). */
  public boolean hasSubscriptions;
  /** Whether its boundary events' timers and subscriptions are open. */
  public boolean boundariesOpen;
  /** The step to retry when the incident is resolved. */
  public Step failedStep;
  // multi-instance body
  public List<Object> inputCollection;
  public int loopCounter;
  public int numberOfCompletedInstances;
  public int numberOfTerminatedInstances;
  public boolean completionConditionMet;
  public long startedAtMillis;

  public enum Step {
    ACTIVATE,
    COMPLETE,
    /** A task listener's job could not be created: the transition starts over. */
    TASK_LISTENER
  }

  public Map<String, List<String>> joinTokens() {
    if (joinTokens == null) {
      joinTokens = new LinkedHashMap<>();
    }
    return joinTokens;
  }

  public List<String> arrivedAt(String gatewayId) {
    return joinTokens().computeIfAbsent(gatewayId, id -> new ArrayList<>());
  }

  public boolean hasWaitingJoinTokens() {
    return joinTokens != null && joinTokens.values().stream().anyMatch(tokens -> !tokens.isEmpty());
  }
}

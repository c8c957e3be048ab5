package io.tandem.engine.processing;

import io.tandem.engine.expression.ExpressionService;
import io.tandem.engine.expression.Result;
import io.tandem.engine.model.ElementKind;
import io.tandem.engine.model.ExecutableElement;
import io.tandem.engine.model.ExecutableFlow;
import io.tandem.engine.model.Mapping;
import io.tandem.engine.state.ElementInstance;
import io.tandem.engine.state.ElementState;
import io.tandem.engine.state.InstanceDocument.InstanceState;
import io.tandem.engine.store.IncidentStore;
import io.tandem.engine.store.IncidentStore.IncidentRow;
import io.tandem.engine.store.KeyGenerator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The lifecycle every element goes through (activating, activated, completing, completed, or
 * terminating, terminated), the sequence flows between elements, and the rules of scopes: a
 * container completes when nothing inside it is alive any more.
 */
public final class ElementLifecycle {

  private final Map<ElementKind, ElementProcessor> processors = new EnumMap<>(ElementKind.class);
  private final KeyGenerator keys;
  private final ExpressionService expressions;
  private final IncidentStore incidents;
  private final EventSubscriptions boundaryEvents;
  private MultiInstanceBody multiInstance;

  public ElementLifecycle(KeyGenerator keys, ExpressionService expressions, IncidentStore incidents,
      EventSubscriptions boundaryEvents) {
    this.keys = keys;
    this.expressions = expressions;
    this.incidents = incidents;
    this.boundaryEvents = boundaryEvents;
  }

  public void register(ElementKind kind, ElementProcessor processor) {
    processors.put(kind, processor);
  }

  void useMultiInstance(MultiInstanceBody multiInstance) {
    this.multiInstance = multiInstance;
    processors.put(ElementKind.MULTI_INSTANCE_BODY, multiInstance);
  }

  // --- activation -------------------------------------------------------------------------

  /** Puts a token in flight towards an element; it is activated as a follow-up step. */
  public void scheduleActivation(ProcessingContext ctx, ExecutableElement element, long scopeKey,
      Map<String, Object> localVariables) {
    scheduleActivation(ctx, element, scopeKey, localVariables, null);
  }

  /** As above, for an event that brings variables (a message's, an error's). */
  public void scheduleActivation(ProcessingContext ctx, ExecutableElement element, long scopeKey,
      Map<String, Object> localVariables, Map<String, Object> eventVariables) {
    ElementInstance scope = ctx.document.element(scopeKey);
    scope.activeChildren++;
    ctx.schedule(() -> activate(ctx, element, scopeKey, localVariables, eventVariables, false));
  }

  /** Activates an inner instance of a multi-instance body (never wrapped in another body). */
  void scheduleInnerActivation(ProcessingContext ctx, ExecutableElement element, long bodyKey,
      Map<String, Object> localVariables) {
    ctx.document.element(bodyKey).activeChildren++;
    ctx.schedule(() -> activate(ctx, element, bodyKey, localVariables, null, true));
  }

  private void activate(ProcessingContext ctx, ExecutableElement element, long scopeKey,
      Map<String, Object> localVariables, Map<String, Object> eventVariables, boolean inner) {
    ElementInstance scope = ctx.document.element(scopeKey);
    if (scope == null || scope.state != ElementState.ACTIVATED) {
      if (scope != null) {
        scope.activeChildren--;
      }
      return; // the scope was left meanwhile (terminated, or completed by a condition)
    }
    ElementInstance instance = new ElementInstance();
    instance.key = keys.nextKey();
    instance.elementId = element.id();
    instance.kind = element.isMultiInstance() && !inner ? ElementKind.MULTI_INSTANCE_BODY : element.kind();
    instance.flowScopeKey = scopeKey;
    instance.state = ElementState.ACTIVATING;
    instance.startedAtMillis = ctx.nowMillis();
    ctx.document.elements.put(instance.key, instance);
    if (localVariables != null && !localVariables.isEmpty()) {
      ctx.document.setLocal(instance.key, localVariables);
    }
    boundaryEvents.mergeEventVariables(ctx, element, instance.key, eventVariables);
    record(ctx, instance, "ELEMENT_ACTIVATING");
    runActivation(ctx, instance);
  }

  /** Starts a new process instance: its root element instance has the instance's key. */
  public void activateProcess(ProcessingContext ctx) {
    ElementInstance root = new ElementInstance();
    root.key = ctx.document.key;
    root.elementId = ctx.process.bpmnProcessId();
    root.kind = ElementKind.PROCESS;
    root.state = ElementState.ACTIVATING;
    root.startedAtMillis = ctx.nowMillis();
    ctx.document.elements.put(root.key, root);
    record(ctx, root, "ELEMENT_ACTIVATING");
    runActivation(ctx, root);
  }

  /**
   * Cancels a whole process instance. It is terminated at once, or, while elements wait to be
   * gone (canceling listeners), when the last of them is.
   */
  public void terminateProcess(ProcessingContext ctx) {
    ElementInstance root = ctx.document.element(ctx.document.key);
    if (terminate(ctx, root)) {
      processTerminated(ctx);
    }
  }

  private void processTerminated(ProcessingContext ctx) {
    ctx.document.state = InstanceState.TERMINATED;
    ctx.document.endedAtMillis = ctx.nowMillis();
  }

  /** Input mappings, then the element's own behaviour. Re-run when an incident is resolved. */
  void runActivation(ProcessingContext ctx, ElementInstance instance) {
    ExecutableElement element = ctx.process.element(instance.elementId);
    if (instance.kind != ElementKind.MULTI_INSTANCE_BODY) {
      if (!applyInputs(ctx, element, instance)) {
        return;
      }
    }
    // boundary events belong to the multi-instance body, not to its inner instances
    boolean attachesBoundaries = !element.boundaryEvents().isEmpty() && !isInner(ctx, instance);
    if (attachesBoundaries && !boundaryEvents.subscribe(ctx, element, instance)) {
      return;
    }
    processors.get(instance.kind).onActivate(ctx, element, instance);
  }

  private boolean applyInputs(ProcessingContext ctx, ExecutableElement element, ElementInstance instance) {
    if (element.inputs().isEmpty()) {
      return true;
    }
    Result<Map<String, Object>> mapped = evaluateMappings(ctx, element.inputs(), instance.key, false);
    if (!mapped.isOk()) {
      raiseIncident(ctx, instance, IncidentType.IO_MAPPING_ERROR, mapped.failure(), null,
          ElementInstance.Step.ACTIVATE);
      return false;
    }
    ctx.document.setLocal(instance.key, mapped.value());
    return true;
  }

  /** The element now waits (for a job, a timer, a message, its children). */
  public void activated(ProcessingContext ctx, ElementInstance instance) {
    instance.state = ElementState.ACTIVATED;
    record(ctx, instance, "ELEMENT_ACTIVATED");
  }

  // --- completion -------------------------------------------------------------------------

  /** Completes an activated element as a follow-up step. */
  public void scheduleCompletion(ProcessingContext ctx, ElementInstance instance) {
    ctx.schedule(() -> complete(ctx, instance));
  }

  private void complete(ProcessingContext ctx, ElementInstance instance) {
    if (ctx.document.element(instance.key) != instance || instance.state != ElementState.ACTIVATED) {
      return;
    }
    instance.state = ElementState.COMPLETING;
    record(ctx, instance, "ELEMENT_COMPLETING");
    runCompletion(ctx, instance);
  }

  /** Output mappings, then leave the element. Re-run when an incident is resolved. */
  void runCompletion(ProcessingContext ctx, ElementInstance instance) {
    ExecutableElement element = ctx.process.element(instance.elementId);
    if (instance.kind == ElementKind.MULTI_INSTANCE_BODY) {
      if (!multiInstance.beforeBodyCompleted(ctx, element, instance)) {
        return;
      }
    } else if (!element.outputs().isEmpty()) {
      Result<Map<String, Object>> mapped = evaluateMappings(ctx, element.outputs(), instance.key, true);
      if (!mapped.isOk()) {
        raiseIncident(ctx, instance, IncidentType.IO_MAPPING_ERROR, mapped.failure(), null,
            ElementInstance.Step.COMPLETE);
        return;
      }
      ctx.document.propagate(instance.flowScopeKey, mapped.value());
    }
    if (isInner(ctx, instance) && !multiInstance.beforeInnerCompleted(ctx, element, instance)) {
      return;
    }
    boundaryEvents.unsubscribe(ctx, instance);
    instance.state = null;
    record(ctx, instance, "ELEMENT_COMPLETED");
    leave(ctx, instance);
    if (instance.kind == ElementKind.PROCESS) {
      ctx.document.state = InstanceState.COMPLETED;
      ctx.document.endedAtMillis = ctx.nowMillis();
      return;
    }
    ElementInstance scope = ctx.document.element(instance.flowScopeKey);
    if (scope.kind == ElementKind.MULTI_INSTANCE_BODY) {
      multiInstance.afterInnerCompleted(ctx, scope, instance);
    } else if (instance.chosenFlow != null) {
      takeFlow(ctx, element, instance.chosenFlow, scope);
    } else {
      takeOutgoingFlows(ctx, element, scope);
    }
  }

  private void takeOutgoingFlows(ProcessingContext ctx, ExecutableElement element, ElementInstance scope) {
    if (element.outgoing().isEmpty()) {
      completeScopeIfDone(ctx, scope);
      return;
    }
    for (ExecutableFlow flow : element.outgoing()) {
      takeFlow(ctx, element, flow.id(), scope);
    }
  }

  void takeFlow(ProcessingContext ctx, ExecutableElement source, String flowId, ElementInstance scope) {
    ExecutableFlow flow = source.outgoing().stream().filter(f -> f.id().equals(flowId)).findFirst().orElseThrow();
    long flowKey = keys.nextKey();
    ctx.record("PROCESS_INSTANCE", "SEQUENCE_FLOW_TAKEN", flowKey, flow.id(),
        ElementKind.SEQUENCE_FLOW.name(), scope.key, null);
    ExecutableElement target = ctx.process.element(flow.targetId());
    if (target.isJoin()) {
      List<String> arrived = scope.arrivedAt(target.id());
      arrived.add(flow.id());
      boolean complete = target.incoming().stream().allMatch(in -> arrived.contains(in.id()));
      if (complete) {
        target.incoming().forEach(in -> arrived.remove(in.id()));
        scheduleActivation(ctx, target, scope.key, null);
      }
      return;
    }
    scheduleActivation(ctx, target, scope.key, null);
  }

  /** A container (or multi-instance body) whose last child left completes itself. */
  void completeScopeIfDone(ProcessingContext ctx, ElementInstance scope) {
    if (scope.activeChildren == 0 && !scope.hasWaitingJoinTokens()
        && scope.state == ElementState.ACTIVATED) {
      scheduleCompletion(ctx, scope);
    }
  }

  /** Removes a finished instance and its variables; its scope has one child fewer. */
  private void leave(ProcessingContext ctx, ElementInstance instance) {
    ctx.document.elements.remove(instance.key);
    if (instance.kind != ElementKind.PROCESS) {
      ctx.document.variables.remove(instance.key);
      ElementInstance scope = ctx.document.element(instance.flowScopeKey);
      if (scope != null) {
        scope.activeChildren--;
      }
    }
  }

  // --- termination ------------------------------------------------------------------------

  /**
   * Terminates an element and everything inside it, children first; true when it is gone. An
   * element whose processor awaits something (a user task's canceling listeners), or with such a
   * child, stays terminating until {@link #finishTermination} is called for it.
   */
  public boolean terminate(ProcessingContext ctx, ElementInstance instance) {
    if (instance.state == ElementState.TERMINATING) {
      return false;
    }
    instance.state = ElementState.TERMINATING;
    record(ctx, instance, "ELEMENT_TERMINATING");
    for (ElementInstance child : ctx.document.children(instance.key)) {
      terminate(ctx, child);
    }
    if (instance.joinTokens != null) {
      instance.joinTokens.clear();
    }
    // before the processor's clean-up, which may raise an incident of its own (a listener's)
    if (instance.incidentKey != null) {
      resolveIncidentRecord(ctx, instance);
    }
    ExecutableElement element = ctx.process.element(instance.elementId);
    processors.get(instance.kind).onTerminate(ctx, element, instance);
    boundaryEvents.unsubscribe(ctx, instance);
    if (awaitsTermination(ctx, instance)) {
      return false;
    }
    record(ctx, instance, "ELEMENT_TERMINATED");
    leave(ctx, instance);
    return true;
  }

  /**
   * An interrupting event: its activity (and everything in it) is terminated, then the event is
   * activated in the activity's scope; once the activity is gone, if it has to wait.
   */
  public void interrupt(ProcessingContext ctx, ElementInstance activity, ExecutableElement event,
      Map<String, Object> variables) {
    long scopeKey = activity.flowScopeKey;
    boolean wasTerminating = activity.state == ElementState.TERMINATING;
    if (terminate(ctx, activity)) {
      scheduleActivation(ctx, event, scopeKey, null, variables);
    } else if (!wasTerminating) {
      activity.interruptedBy = event.id();
      activity.interruptionVariables = variables == null || variables.isEmpty() ? null : variables;
    }
  }

  /**
   * A terminating element that waited is gone now that nothing keeps it: then its scope goes on
   * (finishes terminating, activates the event that interrupted it, or completes if it was waiting
   * for its last child).
   */
  public void finishTermination(ProcessingContext ctx, ElementInstance instance) {
    if (ctx.document.element(instance.key) != instance || instance.state != ElementState.TERMINATING
        || awaitsTermination(ctx, instance)) {
      return;
    }
    record(ctx, instance, "ELEMENT_TERMINATED");
    leave(ctx, instance);
    if (instance.kind == ElementKind.PROCESS) {
      processTerminated(ctx);
      return;
    }
    ElementInstance scope = ctx.document.element(instance.flowScopeKey);
    if (scope == null) {
      return;
    }
    if (scope.state == ElementState.TERMINATING) {
      finishTermination(ctx, scope);
    } else if (instance.interruptedBy != null) {
      scheduleActivation(ctx, ctx.process.element(instance.interruptedBy), scope.key, null,
          instance.interruptionVariables);
    } else {
      completeScopeIfDone(ctx, scope);
    }
  }

  private boolean awaitsTermination(ProcessingContext ctx, ElementInstance instance) {
    return processors.get(instance.kind).awaitsTermination(instance)
        || !ctx.document.children(instance.key).isEmpty();
  }

  // --- incidents --------------------------------------------------------------------------

  public void raiseIncident(ProcessingContext ctx, ElementInstance instance, IncidentType type,
      String message, Long jobKey, ElementInstance.Step step) {
    long key = keys.nextKey();
    incidents.insert(new IncidentRow(key, "ACTIVE", type.name(), message, ctx.document.key,
        instance.key, instance.elementId, jobKey, ctx.document.bpmnProcessId,
        ctx.document.processDefinitionKey, ctx.document.tenantId), ctx.now);
    instance.incidentKey = key;
    instance.failedStep = step;
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("errorType", type.name());
    payload.put("errorMessage", message);
    payload.put("elementInstanceKey", instance.key);
    if (jobKey != null) {
      payload.put("jobKey", jobKey);
    }
    ctx.record("INCIDENT", "CREATED", key, instance.elementId, null, instance.flowScopeKey, payload);
  }

  void resolveIncidentRecord(ProcessingContext ctx, ElementInstance instance) {
    incidents.resolve(instance.incidentKey);
    ctx.record("INCIDENT", "RESOLVED", instance.incidentKey, instance.elementId, null,
        instance.flowScopeKey, null);
    instance.incidentKey = null;
  }

  /** Resolving an incident that is not a job's re-runs the step that failed. */
  void retryFailedStep(ProcessingContext ctx, ElementInstance instance) {
    ElementInstance.Step step = instance.failedStep;
    instance.failedStep = null;
    resolveIncidentRecord(ctx, instance);
    if (step == ElementInstance.Step.COMPLETE) {
      ctx.schedule(() -> runCompletion(ctx, instance));
    } else if (step == ElementInstance.Step.ACTIVATE) {
      ctx.schedule(() -> runActivation(ctx, instance));
    } else if (step == ElementInstance.Step.TASK_LISTENER) {
      ctx.schedule(() -> processors.get(instance.kind)
          .onRetry(ctx, ctx.process.element(instance.elementId), instance));
    }
  }

  // --- helpers ----------------------------------------------------------------------------

  /**
   * Evaluates mappings in order. A nested target ({@code a.b}) of an output mapping merges into the
   * existing variable {@code a}; an input mapping builds a new object from its own mappings only,
   * replacing the outer {@code a} (Camunda's "nested variables in mappings").
   */
  public Result<Map<String, Object>> evaluateMappings(ProcessingContext ctx, List<Mapping> mappings,
      long scopeKey, boolean mergeIntoExisting) {
    Map<String, Object> context = ctx.document.visibleVariables(scopeKey);
    Map<String, Object> result = new LinkedHashMap<>();
    for (Mapping mapping : mappings) {
      Map<String, Object> evaluationContext = new LinkedHashMap<>(context);
      evaluationContext.putAll(result);
      Result<Object> value = expressions.evaluate(mapping.source(), evaluationContext);
      if (!value.isOk()) {
        return Result.fail(value.failure());
      }
      VariablePaths.put(result, mapping.target(), value.value(), mergeIntoExisting ? context : Map.of());
    }
    return Result.ok(result);
  }

  public boolean isInner(ProcessingContext ctx, ElementInstance instance) {
    ElementInstance scope = ctx.document.element(instance.flowScopeKey);
    return scope != null && scope.kind == ElementKind.MULTI_INSTANCE_BODY && scope != instance;
  }

  public void record(ProcessingContext ctx, ElementInstance instance, String intent) {
    ctx.record("PROCESS_INSTANCE", intent, instance.key, instance.elementId, instance.kind.name(),
        instance.kind == ElementKind.PROCESS ? null : instance.flowScopeKey, null);
  }

  public ExpressionService expressions() {
    return expressions;
  }

  public KeyGenerator keys() {
    return keys;
  }

}

package io.tandem.engine.processing;

import io.tandem.engine.expression.JavaValues;
import io.tandem.engine.expression.Result;
import io.tandem.engine.model.ExecutableElement;
import io.tandem.engine.model.LoopDefinition;
import io.tandem.engine.state.ElementInstance;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The multi-instance body around an activity: one inner instance per item of the input
 * collection, all at once (parallel) or one after the other (sequential), until all completed or
 * the completion condition holds; collects the output elements into the output collection.
 */
final class MultiInstanceBody implements ElementProcessor {

  private static final Pattern VARIABLE_PATH =
      Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)(\\.[A-Za-z_][A-Za-z0-9_]*)*");
  private final ElementLifecycle lifecycle;

  MultiInstanceBody(ElementLifecycle lifecycle) {
    this.lifecycle = lifecycle;
  }

  @Override
  public void onActivate(ProcessingContext ctx, ExecutableElement element, ElementInstance body) {
    LoopDefinition loop = element.loop();
    Result<Object> collection = lifecycle.expressions()
        .evaluate(loop.inputCollection(), ctx.document.visibleVariables(body.key));
    Result<List<Object>> items = collection.flatMap(value -> value instanceof List<?> list
        ? Result.ok(new ArrayList<>(list))
        : Result.fail("Expected result of the expression '%s' to be 'ARRAY', but was '%s'."
            .formatted(loop.inputCollection().source().replaceFirst("^\\s*=", ""), JavaValues.typeName(value))));
    if (!items.isOk()) {
      lifecycle.raiseIncident(ctx, body, IncidentType.EXTRACT_VALUE_ERROR, items.failure(), null,
          ElementInstance.Step.ACTIVATE);
      return;
    }
    body.inputCollection = items.value();
    if (loop.outputCollection() != null) {
      Map<String, Object> output = new LinkedHashMap<>();
      output.put(loop.outputCollection(), new ArrayList<>(Collections.nCopies(body.inputCollection.size(), null)));
      ctx.document.setLocal(body.key, output);
    }
    lifecycle.activated(ctx, body);
    if (body.inputCollection.isEmpty()) {
      lifecycle.scheduleCompletion(ctx, body);
    } else if (loop.sequential()) {
      startInner(ctx, element, body, 0);
    } else {
      for (int i = 0; i < body.inputCollection.size(); i++) {
        startInner(ctx, element, body, i);
      }
    }
  }

  private void startInner(ProcessingContext ctx, ExecutableElement element, ElementInstance body, int index) {
    Map<String, Object> locals = new LinkedHashMap<>();
    // Camunda creates the variable that an output element like "= result" reads as a local of each
    // instance: a worker's "result" then stays in its instance instead of going to the process
    String outputVariable = outputElementVariable(element.loop());
    if (outputVariable != null) {
      locals.put(outputVariable, null);
    }
    if (element.loop().inputElement() != null) {
      locals.put(element.loop().inputElement(), body.inputCollection.get(index));
    }
    locals.put("loopCounter", index + 1);
    body.loopCounter = index + 1;
    lifecycle.scheduleInnerActivation(ctx, element, body.key, locals);
  }

  /** The variable an output element expression is no more than a path into ({@code = a.b} reads a). */
  private static String outputElementVariable(LoopDefinition loop) {
    if (loop.outputCollection() == null || loop.outputElement() == null || loop.outputElement().isStatic()) {
      return null;
    }
    Matcher path = VARIABLE_PATH.matcher(loop.outputElement().source().trim().substring(1).trim());
    return path.matches() ? path.group(1) : null;
  }

  /**
   * Collects the inner instance's output element and evaluates the completion condition while its
   * variables are still there; false (with an incident on the inner instance) if either fails.
   */
  boolean beforeInnerCompleted(ProcessingContext ctx, ExecutableElement element, ElementInstance inner) {
    ElementInstance body = ctx.document.element(inner.flowScopeKey);
    LoopDefinition loop = element.loop();
    Map<String, Object> variables = ctx.document.visibleVariables(inner.key);
    if (loop.outputCollection() != null && loop.outputElement() != null) {
      Result<Object> output = lifecycle.expressions().evaluate(loop.outputElement(), variables);
      if (!output.isOk()) {
        lifecycle.raiseIncident(ctx, inner, IncidentType.EXTRACT_VALUE_ERROR, output.failure(), null,
            ElementInstance.Step.COMPLETE);
        return false;
      }
      @SuppressWarnings("unchecked")
      List<Object> collected = (List<Object>) ctx.document.localVariables(body.key).get(loop.outputCollection());
      int index = ((Number) variables.get("loopCounter")).intValue() - 1;
      collected.set(index, output.value());
      ctx.document.markChanged(body.key, loop.outputCollection(), collected);
    }
    body.completionConditionMet = false;
    if (loop.completionCondition() != null) {
      variables.put("numberOfInstances", body.inputCollection.size());
      variables.put("numberOfActiveInstances", body.activeChildren - 1);
      variables.put("numberOfCompletedInstances", body.numberOfCompletedInstances + 1);
      variables.put("numberOfTerminatedInstances", body.numberOfTerminatedInstances);
      Result<Boolean> met = lifecycle.expressions().evaluateBoolean(loop.completionCondition(), variables);
      if (!met.isOk()) {
        lifecycle.raiseIncident(ctx, inner, IncidentType.EXTRACT_VALUE_ERROR, met.failure(), null,
            ElementInstance.Step.COMPLETE);
        return false;
      }
      body.completionConditionMet = met.value();
    }
    return true;
  }

  void afterInnerCompleted(ProcessingContext ctx, ElementInstance body, ElementInstance inner) {
    body.numberOfCompletedInstances++;
    ExecutableElement element = ctx.process.element(body.elementId);
    if (body.completionConditionMet) {
      boolean allGone = true;
      for (ElementInstance other : ctx.document.children(body.key)) {
        allGone &= lifecycle.terminate(ctx, other);
        body.numberOfTerminatedInstances++;
      }
      if (allGone) {
        lifecycle.scheduleCompletion(ctx, body);
      } // else the body completes when the last one that waited is gone
    } else if (element.loop().sequential() && body.loopCounter < body.inputCollection.size()) {
      startInner(ctx, element, body, body.loopCounter);
    } else {
      lifecycle.completeScopeIfDone(ctx, body);
    }
  }

  /** The output collection leaves the body for its flow scope. */
  boolean beforeBodyCompleted(ProcessingContext ctx, ExecutableElement element, ElementInstance body) {
    String outputCollection = element.loop().outputCollection();
    if (outputCollection != null) {
      Map<String, Object> output = new LinkedHashMap<>();
      output.put(outputCollection, ctx.document.localVariables(body.key).get(outputCollection));
      ctx.document.propagate(body.flowScopeKey, output);
    }
    return true;
  }
}

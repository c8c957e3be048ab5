package io.tandem.engine.processing.bpmn;

import io.tandem.engine.expression.Result;
import io.tandem.engine.model.ExecutableElement;
import io.tandem.engine.model.ExecutableFlow;
import io.tandem.engine.processing.ElementLifecycle;
import io.tandem.engine.processing.ElementProcessor;
import io.tandem.engine.processing.IncidentType;
import io.tandem.engine.processing.ProcessingContext;
import io.tandem.engine.state.ElementInstance;
import java.util.Map;

/** Takes the first outgoing flow whose condition is true, else the default flow, else an incident. */
public final class ExclusiveGatewayProcessor implements ElementProcessor {

  private static final String NO_FLOW = "Expected at least one condition to evaluate to true, or to have a default flow";
  private final ElementLifecycle lifecycle;

  public ExclusiveGatewayProcessor(ElementLifecycle lifecycle) {
    this.lifecycle = lifecycle;
  }

  @Override
  public void onActivate(ProcessingContext ctx, ExecutableElement element, ElementInstance instance) {
    if (element.outgoing().size() == 1 && element.outgoing().get(0).condition() == null) {
      instance.chosenFlow = element.outgoing().get(0).id();
    } else if (!element.outgoing().isEmpty()) {
      Map<String, Object> variables = ctx.document.visibleVariables(instance.key);
      String chosen = null;
      for (ExecutableFlow flow : element.outgoing()) {
        if (flow.id().equals(element.defaultFlowId()) || flow.condition() == null) {
          continue;
        }
        Result<Boolean> taken = lifecycle.expressions().evaluateBoolean(flow.condition(), variables);
        if (!taken.isOk()) {
          // a condition that fails (or isn't boolean) is an expression failure, as in Zeebe;
          // CONDITION_ERROR is only for "no flow to take"
          lifecycle.raiseIncident(ctx, instance, IncidentType.EXTRACT_VALUE_ERROR, taken.failure(), null,
              ElementInstance.Step.ACTIVATE);
          return;
        }
        if (taken.value()) {
          chosen = flow.id();
          break;
        }
      }
      if (chosen == null) {
        chosen = element.defaultFlowId();
      }
      if (chosen == null) {
        lifecycle.raiseIncident(ctx, instance, IncidentType.CONDITION_ERROR, NO_FLOW, null,
            ElementInstance.Step.ACTIVATE);
        return;
      }
      instance.chosenFlow = chosen;
    }
    lifecycle.activated(ctx, instance);
    lifecycle.scheduleCompletion(ctx, instance);
  }
}

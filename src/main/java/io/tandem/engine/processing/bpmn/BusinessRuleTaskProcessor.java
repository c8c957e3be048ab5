package io.tandem.engine.processing.bpmn;

import io.tandem.engine.expression.JavaValues;
import io.tandem.engine.expression.Result;
import io.tandem.engine.model.ExecutableElement;
import io.tandem.engine.processing.DecisionEvaluator;
import io.tandem.engine.processing.ElementLifecycle;
import io.tandem.engine.processing.ElementProcessor;
import io.tandem.engine.processing.IncidentType;
import io.tandem.engine.processing.ProcessingContext;
import io.tandem.engine.state.ElementInstance;
import java.util.Map;

/** A business rule task calling a deployed DMN decision; job-based ones are job workers. */
public final class BusinessRuleTaskProcessor implements ElementProcessor {

  private final ElementLifecycle lifecycle;
  private final JobWorkerProcessor jobWorker;
  private final DecisionEvaluator decisions;

  public BusinessRuleTaskProcessor(ElementLifecycle lifecycle, JobWorkerProcessor jobWorker,
      DecisionEvaluator decisions) {
    this.lifecycle = lifecycle;
    this.jobWorker = jobWorker;
    this.decisions = decisions;
  }

  @Override
  public void onActivate(ProcessingContext ctx, ExecutableElement element, ElementInstance instance) {
    if (element.calledDecisionId() == null) {
      jobWorker.onActivate(ctx, element, instance);
      return;
    }
    Map<String, Object> variables = ctx.document.visibleVariables(instance.key);
    Result<String> decisionId = lifecycle.expressions().evaluateString(element.calledDecisionId(), variables);
    if (!decisionId.isOk()) {
      lifecycle.raiseIncident(ctx, instance, IncidentType.EXTRACT_VALUE_ERROR, decisionId.failure(),
          null, ElementInstance.Step.ACTIVATE);
      return;
    }
    Result<Object> output = decisions.evaluateLatest(decisionId.value(), ctx.document.tenantId, variables);
    if (!output.isOk()) {
      IncidentType type = decisions.isMissing(output.failure())
          ? IncidentType.CALLED_DECISION_ERROR : IncidentType.DECISION_EVALUATION_ERROR;
      lifecycle.raiseIncident(ctx, instance, type, output.failure(), null, ElementInstance.Step.ACTIVATE);
      return;
    }
    ScriptTaskProcessor.setResult(ctx, element, instance, JavaValues.fromFeel(output.value()));
    lifecycle.activated(ctx, instance);
    lifecycle.scheduleCompletion(ctx, instance);
  }

  @Override
  public void onTerminate(ProcessingContext ctx, ExecutableElement element, ElementInstance instance) {
    jobWorker.onTerminate(ctx, element, instance);
  }
}

package io.tandem.engine.processing.bpmn;

import io.tandem.engine.expression.Result;
import io.tandem.engine.model.ExecutableElement;
import io.tandem.engine.processing.ElementLifecycle;
import io.tandem.engine.processing.ElementProcessor;
import io.tandem.engine.processing.IncidentType;
import io.tandem.engine.processing.ProcessingContext;
import io.tandem.engine.state.ElementInstance;
import java.util.LinkedHashMap;
import java.util.Map;

/** A script task with a FEEL expression ({@code zeebe:script}); job-based ones are job workers. */
public final class ScriptTaskProcessor implements ElementProcessor {

  private final ElementLifecycle lifecycle;
  private final JobWorkerProcessor jobWorker;

  public ScriptTaskProcessor(ElementLifecycle lifecycle, JobWorkerProcessor jobWorker) {
    this.lifecycle = lifecycle;
    this.jobWorker = jobWorker;
  }

  @Override
  public void onActivate(ProcessingContext ctx, ExecutableElement element, ElementInstance instance) {
    if (element.script() == null) {
      jobWorker.onActivate(ctx, element, instance);
      return;
    }
    Result<Object> result = lifecycle.expressions()
        .evaluate(element.script(), ctx.document.visibleVariables(instance.key));
    if (!result.isOk()) {
      lifecycle.raiseIncident(ctx, instance, IncidentType.EXTRACT_VALUE_ERROR, result.failure(),
          null, ElementInstance.Step.ACTIVATE);
      return;
    }
    setResult(ctx, element, instance, result.value());
    lifecycle.activated(ctx, instance);
    lifecycle.scheduleCompletion(ctx, instance);
  }

  @Override
  public void onTerminate(ProcessingContext ctx, ExecutableElement element, ElementInstance instance) {
    jobWorker.onTerminate(ctx, element, instance);
  }

  /** The result variable behaves like a job's variables: propagated, or local for output mappings. */
  static void setResult(ProcessingContext ctx, ExecutableElement element, ElementInstance instance,
      Object value) {
    if (element.resultVariable() == null) {
      return;
    }
    Map<String, Object> result = new LinkedHashMap<>();
    result.put(element.resultVariable(), value);
    if (element.outputs().isEmpty()) {
      ctx.document.propagate(instance.key, result);
    } else {
      ctx.document.setLocal(instance.key, result);
    }
  }
}

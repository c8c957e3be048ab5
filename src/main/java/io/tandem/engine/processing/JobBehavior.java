package io.tandem.engine.processing;

import io.tandem.engine.expression.Result;
import io.tandem.engine.model.ExecutableElement;
import io.tandem.engine.model.JobDefinition;
import io.tandem.engine.state.ElementInstance;
import io.tandem.engine.store.JobRow;
import io.tandem.engine.store.JobStore;
import java.util.LinkedHashMap;
import java.util.Map;

/** Creates the job of a job-based element, and cancels it when the element is terminated. */
public final class JobBehavior {

  private final JobStore jobs;
  private final ElementLifecycle lifecycle;

  public JobBehavior(JobStore jobs, ElementLifecycle lifecycle) {
    this.jobs = jobs;
    this.lifecycle = lifecycle;
  }

  /** False (with an incident) if the job type or retries can't be evaluated. */
  public boolean createJob(ProcessingContext ctx, ExecutableElement element, ElementInstance instance) {
    JobDefinition definition = element.job();
    Map<String, Object> variables = ctx.document.visibleVariables(instance.key);
    Result<String> type = lifecycle.expressions().evaluateString(definition.type(), variables);
    Result<Long> retries = type.flatMap(t -> lifecycle.expressions().evaluateLong(definition.retries(), variables));
    if (!retries.isOk()) {
      lifecycle.raiseIncident(ctx, instance, IncidentType.EXTRACT_VALUE_ERROR, retries.failure(),
          null, ElementInstance.Step.ACTIVATE);
      return false;
    }
    long key = lifecycle.keys().nextKey();
    Map<String, Object> headers = new LinkedHashMap<>(definition.headers());
    jobs.insert(new JobRow(key, type.value(), JobRow.ACTIVATABLE, null, null,
        retries.value().intValue(), null, headers, ctx.document.key, instance.key, element.id(),
        ctx.document.bpmnProcessId, ctx.document.processDefinitionKey, ctx.document.version,
        ctx.document.tenantId), ctx.now);
    instance.jobKey = key;
    ctx.record("JOB", "CREATED", key, element.id(), null, instance.key,
        Map.of("type", type.value(), "retries", retries.value()));
    ctx.jobCreated(type.value());
    return true;
  }

  public void cancelJob(ProcessingContext ctx, ElementInstance instance) {
    if (instance.jobKey != null) {
      jobs.delete(instance.jobKey);
      ctx.record("JOB", "CANCELED", instance.jobKey, instance.elementId, null, instance.key, null);
      instance.jobKey = null;
    }
  }
}

package io.tandem.engine.processing;

import io.tandem.engine.expression.Expression;
import io.tandem.engine.expression.Result;
import io.tandem.engine.model.ExecutableElement;
import io.tandem.engine.model.JobDefinition;
import io.tandem.engine.state.ElementInstance;
import io.tandem.engine.store.JobRow;
import io.tandem.engine.store.JobStore;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Creates the job of a job-based element, and cancels it when the element is terminated. */
public final class JobBehavior {

  private final JobStore jobs;
  private final JobStreams streams;
  private final ElementLifecycle lifecycle;

  public JobBehavior(JobStore jobs, JobStreams streams, ElementLifecycle lifecycle) {
    this.jobs = jobs;
    this.streams = streams;
    this.lifecycle = lifecycle;
  }

  /** False (with an incident) if the job type or retries can't be evaluated. */
  public boolean createJob(ProcessingContext ctx, ExecutableElement element, ElementInstance instance) {
    JobDefinition definition = element.job();
    Result<Long> key = create(ctx, instance, definition.type(), definition.retries(),
        new LinkedHashMap<>(definition.headers()), Map.of());
    if (!key.isOk()) {
      lifecycle.raiseIncident(ctx, instance, IncidentType.EXTRACT_VALUE_ERROR, key.failure(),
          null, ElementInstance.Step.ACTIVATE);
      return false;
    }
    instance.jobKey = key.value();
    return true;
  }

  /**
   * Evaluates a job's type and retries in an element instance's scope and creates the job for it;
   * its key, or why the expressions failed (nothing is created then).
   */
  Result<Long> create(ProcessingContext ctx, ElementInstance instance, Expression typeExpression,
      Expression retriesExpression, Map<String, Object> headers, Map<String, Object> recordPayload) {
    Map<String, Object> variables = ctx.document.visibleVariables(instance.key);
    Result<String> type = lifecycle.expressions().evaluateString(typeExpression, variables);
    Result<Long> retries = type.flatMap(t -> lifecycle.expressions().evaluateLong(retriesExpression, variables));
    if (!retries.isOk()) {
      return Result.fail(retries.failure());
    }
    long key = lifecycle.keys().nextKey();
    JobRow job = new JobRow(key, type.value(), JobRow.ACTIVATABLE, null, null,
        retries.value().intValue(), null, headers, ctx.document.key, instance.key, instance.elementId,
        ctx.document.bpmnProcessId, ctx.document.processDefinitionKey, ctx.document.version,
        ctx.document.tenantId);
    Optional<JobStreams.JobStream> stream = streams.pick(job.type(), job.tenantId());
    if (stream.isPresent()) {
      job = job.activatedFor(stream.get().worker(), ctx.now.plus(stream.get().timeout()));
    }
    ctx.createJob(job);
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("type", type.value());
    payload.put("retries", retries.value());
    payload.putAll(recordPayload);
    ctx.record("JOB", "CREATED", key, instance.elementId, null, instance.key, payload);
    handOut(ctx, job, stream);
    return Result.ok(key);
  }

  /**
   * A stored job became activatable again (failed without backoff, its incident resolved): it is
   * activated for an open stream of its type if there is one, else left to pollers.
   */
  void offer(ProcessingContext ctx, JobRow job) {
    Optional<JobStreams.JobStream> stream = streams.pick(job.type(), job.tenantId());
    if (stream.isPresent()) {
      job = job.activatedFor(stream.get().worker(), ctx.now.plus(stream.get().timeout()));
      jobs.activate(job.key(), job.worker(), job.deadline());
    }
    handOut(ctx, job, stream);
  }

  private static void handOut(ProcessingContext ctx, JobRow job, Optional<JobStreams.JobStream> stream) {
    if (stream.isPresent()) {
      ctx.jobStreamed(new JobStreams.StreamedJob(stream.get(), job));
    } else {
      ctx.jobCreated(job.type());
    }
  }

  public void cancelJob(ProcessingContext ctx, ElementInstance instance) {
    if (instance.jobKey != null) {
      cancel(ctx, instance, instance.jobKey);
      instance.jobKey = null;
    }
  }

  /** Deletes a job of the instance that is no longer wanted. */
  void cancel(ProcessingContext ctx, ElementInstance instance, long jobKey) {
    ctx.deleteJob(jobKey);
    ctx.record("JOB", "CANCELED", jobKey, instance.elementId, null, instance.key, null);
  }
}

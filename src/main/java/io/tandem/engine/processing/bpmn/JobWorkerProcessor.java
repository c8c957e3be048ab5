package io.tandem.engine.processing.bpmn;

import io.tandem.engine.model.ExecutableElement;
import io.tandem.engine.processing.ElementLifecycle;
import io.tandem.engine.processing.ElementProcessor;
import io.tandem.engine.processing.JobBehavior;
import io.tandem.engine.processing.ProcessingContext;
import io.tandem.engine.state.ElementInstance;

/**
 * Elements done by a job worker: service, send, job-based script/business-rule/user tasks, and
 * message throw and end events. They wait until the job is completed.
 */
public final class JobWorkerProcessor implements ElementProcessor {

  private final ElementLifecycle lifecycle;
  private final JobBehavior jobs;

  public JobWorkerProcessor(ElementLifecycle lifecycle, JobBehavior jobs) {
    this.lifecycle = lifecycle;
    this.jobs = jobs;
  }

  @Override
  public void onActivate(ProcessingContext ctx, ExecutableElement element, ElementInstance instance) {
    if (element.job() == null) {
      lifecycle.activated(ctx, instance);
      lifecycle.scheduleCompletion(ctx, instance);
      return;
    }
    if (jobs.createJob(ctx, element, instance)) {
      lifecycle.activated(ctx, instance);
    }
  }

  @Override
  public void onTerminate(ProcessingContext ctx, ExecutableElement element, ElementInstance instance) {
    jobs.cancelJob(ctx, instance);
  }
}

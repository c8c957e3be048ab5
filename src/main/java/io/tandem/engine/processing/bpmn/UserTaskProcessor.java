package io.tandem.engine.processing.bpmn;

import io.tandem.engine.model.ExecutableElement;
import io.tandem.engine.processing.ElementLifecycle;
import io.tandem.engine.processing.ElementProcessor;
import io.tandem.engine.processing.ProcessingContext;
import io.tandem.engine.processing.UserTaskBehavior;
import io.tandem.engine.state.ElementInstance;

/**
 * A user task: a Camunda user task ({@code zeebe:userTask}) waits for a person to complete it
 * through the user task API; one without it is a job-worker user task, as in Camunda.
 */
public final class UserTaskProcessor implements ElementProcessor {

  private final ElementLifecycle lifecycle;
  private final JobWorkerProcessor jobWorker;
  private final UserTaskBehavior userTasks;

  public UserTaskProcessor(ElementLifecycle lifecycle, JobWorkerProcessor jobWorker, UserTaskBehavior userTasks) {
    this.lifecycle = lifecycle;
    this.jobWorker = jobWorker;
    this.userTasks = userTasks;
  }

  @Override
  public void onActivate(ProcessingContext ctx, ExecutableElement element, ElementInstance instance) {
    if (element.userTask() == null) {
      jobWorker.onActivate(ctx, element, instance);
      return;
    }
    if (userTasks.create(ctx, element, instance)) {
      lifecycle.activated(ctx, instance);
    }
  }

  @Override
  public void onTerminate(ProcessingContext ctx, ExecutableElement element, ElementInstance instance) {
    if (element.userTask() == null) {
      jobWorker.onTerminate(ctx, element, instance);
    } else {
      userTasks.cancel(ctx, instance);
    }
  }
}

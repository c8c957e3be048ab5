package io.tandem.engine.processing.bpmn;

import io.tandem.engine.model.ExecutableElement;
import io.tandem.engine.processing.ElementLifecycle;
import io.tandem.engine.processing.ElementProcessor;
import io.tandem.engine.processing.ProcessingContext;
import io.tandem.engine.processing.UserTaskBehavior;
import io.tandem.engine.processing.UserTaskTransitions;
import io.tandem.engine.state.ElementInstance;

/**
 * A user task: a Camunda user task ({@code zeebe:userTask}) waits for a person to complete it
 * through the user task API, its task listeners running on the way; one without it is a
 * job-worker user task, as in Camunda.
 */
public final class UserTaskProcessor implements ElementProcessor {

  private final ElementLifecycle lifecycle;
  private final JobWorkerProcessor jobWorker;
  private final UserTaskBehavior userTasks;
  private final UserTaskTransitions transitions;

  public UserTaskProcessor(ElementLifecycle lifecycle, JobWorkerProcessor jobWorker, UserTaskBehavior userTasks,
      UserTaskTransitions transitions) {
    this.lifecycle = lifecycle;
    this.jobWorker = jobWorker;
    this.userTasks = userTasks;
    this.transitions = transitions;
  }

  @Override
  public void onActivate(ProcessingContext ctx, ExecutableElement element, ElementInstance instance) {
    if (element.userTask() == null) {
      jobWorker.onActivate(ctx, element, instance);
      return;
    }
    UserTaskBehavior.Created created = userTasks.create(ctx, element, instance);
    if (created != null) {
      // as in Camunda, the element is activated while its task's creating listeners run
      lifecycle.activated(ctx, instance);
      transitions.created(ctx, instance, created);
    }
  }

  @Override
  public void onTerminate(ProcessingContext ctx, ExecutableElement element, ElementInstance instance) {
    if (element.userTask() == null) {
      jobWorker.onTerminate(ctx, element, instance);
    } else {
      transitions.cancel(ctx, instance);
    }
  }

  @Override
  public boolean awaitsTermination(ElementInstance instance) {
    return UserTaskTransitions.awaitsCanceling(instance);
  }

  @Override
  public void onRetry(ProcessingContext ctx, ExecutableElement element, ElementInstance instance) {
    transitions.retry(ctx, instance);
  }
}

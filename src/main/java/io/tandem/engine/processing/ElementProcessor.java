package io.tandem.engine.processing;

import io.tandem.engine.model.ExecutableElement;
import io.tandem.engine.state.ElementInstance;

/**
 * What one kind of BPMN element does when it is activated; the shared lifecycle (mappings, records,
 * flows, scopes, termination) lives in {@link ElementLifecycle}.
 */
public interface ElementProcessor {

  /** Either completes the element (through the lifecycle) or leaves it waiting. */
  void onActivate(ProcessingContext ctx, ExecutableElement element, ElementInstance instance);

  /** Cleans up what activation left behind (jobs, subscriptions) when terminated. */
  default void onTerminate(ProcessingContext ctx, ExecutableElement element, ElementInstance instance) {}

  /**
   * Whether a terminated element must wait before it is gone (a user task while its canceling
   * listeners run); its processor then calls {@link ElementLifecycle#finishTermination}.
   */
  default boolean awaitsTermination(ElementInstance instance) {
    return false;
  }

  /** Retries a step of the processor's own that raised an incident ({@link ElementInstance.Step#TASK_LISTENER}). */
  default void onRetry(ProcessingContext ctx, ExecutableElement element, ElementInstance instance) {}
}

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
}

package io.tandem.engine.processing.bpmn;

import io.tandem.engine.model.ExecutableElement;
import io.tandem.engine.processing.ElementLifecycle;
import io.tandem.engine.processing.ElementProcessor;
import io.tandem.engine.processing.ProcessingContext;
import io.tandem.engine.state.ElementInstance;

/** The process and embedded subprocesses: start at the none start event, complete when empty. */
public final class ContainerProcessor implements ElementProcessor {

  private final ElementLifecycle lifecycle;

  public ContainerProcessor(ElementLifecycle lifecycle) {
    this.lifecycle = lifecycle;
  }

  @Override
  public void onActivate(ProcessingContext ctx, ExecutableElement element, ElementInstance instance) {
    lifecycle.activated(ctx, instance);
    lifecycle.scheduleActivation(ctx, element.noneStartEvent(), instance.key, null);
  }
}

package io.tandem.engine.processing.bpmn;

import io.tandem.engine.model.ExecutableElement;
import io.tandem.engine.processing.ElementLifecycle;
import io.tandem.engine.processing.ElementProcessor;
import io.tandem.engine.processing.ProcessingContext;
import io.tandem.engine.state.ElementInstance;

/** Elements that do nothing but pass the token on: none events, undefined and manual tasks, parallel gateways. */
public final class PassThroughProcessor implements ElementProcessor {

  private final ElementLifecycle lifecycle;

  public PassThroughProcessor(ElementLifecycle lifecycle) {
    this.lifecycle = lifecycle;
  }

  @Override
  public void onActivate(ProcessingContext ctx, ExecutableElement element, ElementInstance instance) {
    lifecycle.activated(ctx, instance);
    lifecycle.scheduleCompletion(ctx, instance);
  }
}

package io.tandem.engine.processing.bpmn;

import io.tandem.engine.model.EventKind;
import io.tandem.engine.model.ExecutableElement;
import io.tandem.engine.processing.ElementLifecycle;
import io.tandem.engine.processing.ElementProcessor;
import io.tandem.engine.processing.EventSubscriptions;
import io.tandem.engine.processing.ProcessingContext;
import io.tandem.engine.state.ElementInstance;

/** Intermediate timer and message catch events and receive tasks: wait for their event. */
public final class CatchEventProcessor implements ElementProcessor {

  private final ElementLifecycle lifecycle;
  private final EventSubscriptions subscriptions;

  public CatchEventProcessor(ElementLifecycle lifecycle, EventSubscriptions subscriptions) {
    this.lifecycle = lifecycle;
    this.subscriptions = subscriptions;
  }

  @Override
  public void onActivate(ProcessingContext ctx, ExecutableElement element, ElementInstance instance) {
    boolean waiting = element.eventKind() == EventKind.TIMER
        ? subscriptions.openTimer(ctx, element, instance)
        : subscriptions.openSubscription(ctx, element, instance);
    if (waiting) {
      lifecycle.activated(ctx, instance);
    }
  }
}

package io.tandem.engine.processing.bpmn;

import io.tandem.engine.model.ExecutableElement;
import io.tandem.engine.processing.ElementLifecycle;
import io.tandem.engine.processing.ElementProcessor;
import io.tandem.engine.processing.ErrorEvents;
import io.tandem.engine.processing.IncidentType;
import io.tandem.engine.processing.ProcessingContext;
import io.tandem.engine.state.ElementInstance;
import java.util.Map;
import java.util.Optional;

/** End events: none, error (thrown to the nearest catch), terminate (ends the whole scope), message (a job). */
public final class EndEventProcessor implements ElementProcessor {

  private final ElementLifecycle lifecycle;
  private final ErrorEvents errors;
  private final JobWorkerProcessor jobWorker;

  public EndEventProcessor(ElementLifecycle lifecycle, ErrorEvents errors, JobWorkerProcessor jobWorker) {
    this.lifecycle = lifecycle;
    this.errors = errors;
    this.jobWorker = jobWorker;
  }

  @Override
  public void onActivate(ProcessingContext ctx, ExecutableElement element, ElementInstance instance) {
    switch (element.eventKind()) {
      case ERROR -> {
        // as in Camunda, a caught error end event is activated before it throws; an uncaught one
        // stays activating with its incident
        Optional<ErrorEvents.Catch> caught = errors.findCatch(ctx, instance, element.errorCode());
        if (caught.isPresent()) {
          lifecycle.activated(ctx, instance);
          errors.throwTo(ctx, caught.get(), Map.of());
        } else {
          lifecycle.raiseIncident(ctx, instance, IncidentType.UNHANDLED_ERROR_EVENT,
              errors.unhandledMessage(ctx, instance, element.errorCode(), null), null,
              ElementInstance.Step.ACTIVATE);
        }
      }
      case TERMINATE -> {
        lifecycle.activated(ctx, instance);
        for (ElementInstance sibling : ctx.document.children(instance.flowScopeKey)) {
          if (sibling != instance) {
            lifecycle.terminate(ctx, sibling);
          }
        }
        ctx.document.element(instance.flowScopeKey).joinTokens = null;
        lifecycle.scheduleCompletion(ctx, instance);
      }
      case MESSAGE -> jobWorker.onActivate(ctx, element, instance);
      default -> {
        lifecycle.activated(ctx, instance);
        lifecycle.scheduleCompletion(ctx, instance);
      }
    }
  }

  @Override
  public void onTerminate(ProcessingContext ctx, ExecutableElement element, ElementInstance instance) {
    jobWorker.onTerminate(ctx, element, instance);
  }
}

package io.tandem.engine.processing;

import io.tandem.engine.model.EventKind;
import io.tandem.engine.model.ExecutableElement;
import io.tandem.engine.state.ElementInstance;
import java.util.Map;
import java.util.Optional;

/**
 * BPMN errors: from the thrower outwards, the first activity with an error boundary event for the
 * code (or a catch-all one) is interrupted and the boundary event taken.
 */
public final class ErrorEvents {

  private final ElementLifecycle lifecycle;

  public ErrorEvents(ElementLifecycle lifecycle) {
    this.lifecycle = lifecycle;
  }

  /** True when caught; otherwise nothing changed and the caller raises the incident. */
  public boolean throwError(ProcessingContext ctx, ElementInstance thrower, String errorCode,
      Map<String, Object> variables) {
    for (ElementInstance current = thrower; current != null;
        current = ctx.document.element(current.flowScopeKey)) {
      if (!lifecycle.isInner(ctx, current)) {
        ExecutableElement element = ctx.process.element(current.elementId);
        Optional<ExecutableElement> catcher = catcherFor(element, errorCode);
        if (catcher.isPresent()) {
          long scopeKey = current.flowScopeKey;
          lifecycle.terminate(ctx, current);
          lifecycle.scheduleActivation(ctx, catcher.get(), scopeKey, null, variables);
          return true;
        }
      }
      if (current.key == ctx.document.key) {
        break;
      }
    }
    return false;
  }

  /** A boundary for exactly this code wins over a catch-all one. */
  private static Optional<ExecutableElement> catcherFor(ExecutableElement element, String code) {
    Optional<ExecutableElement> exact = element.boundaryEvents().stream()
        .filter(b -> b.eventKind() == EventKind.ERROR && code.equals(b.errorCode())).findFirst();
    return exact.isPresent() ? exact : element.boundaryEvents().stream()
        .filter(b -> b.eventKind() == EventKind.ERROR && b.errorCode() == null).findFirst();
  }

  /** Camunda's wording: the " with message" part only when the error has a message. */
  public static String unhandledMessage(String code, String message) {
    String withMessage = message == null || message.isEmpty() ? "" : " with message '%s'".formatted(message);
    return ("Expected to throw an error event with the code '%s'%s, but it was not caught."
        + " No error events are available in the scope.").formatted(code, withMessage);
  }
}

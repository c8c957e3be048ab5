package io.tandem.engine.processing;

import io.tandem.engine.model.EventKind;
import io.tandem.engine.model.ExecutableElement;
import io.tandem.engine.state.ElementInstance;
import java.util.ArrayList;
import java.util.List;
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

  /** Where a thrown error is caught: the activity to interrupt and its error boundary event. */
  public record Catch(ElementInstance activity, ExecutableElement boundary) {}

  /** True when caught; otherwise nothing changed and the caller raises the incident. */
  public boolean throwError(ProcessingContext ctx, ElementInstance thrower, String errorCode,
      Map<String, Object> variables) {
    Optional<Catch> caught = findCatch(ctx, thrower, errorCode);
    caught.ifPresent(c -> throwTo(ctx, c, variables));
    return caught.isPresent();
  }

  /** The catch for an error, looked for from the thrower outwards; nothing is changed. */
  public Optional<Catch> findCatch(ProcessingContext ctx, ElementInstance thrower, String errorCode) {
    for (ElementInstance current = thrower; current != null;
        current = ctx.document.element(current.flowScopeKey)) {
      if (!lifecycle.isInner(ctx, current)) {
        ExecutableElement element = ctx.process.element(current.elementId);
        Optional<ExecutableElement> catcher = catcherFor(element, errorCode);
        if (catcher.isPresent()) {
          return Optional.of(new Catch(current, catcher.get()));
        }
      }
      if (current.key == ctx.document.key) {
        break;
      }
    }
    return Optional.empty();
  }

  /** Interrupts the catching activity (and everything in it) and takes its boundary event. */
  public void throwTo(ProcessingContext ctx, Catch caught, Map<String, Object> variables) {
    lifecycle.interrupt(ctx, caught.activity(), caught.boundary(), variables);
  }

  /** A boundary for exactly this code wins over a catch-all one. */
  private static Optional<ExecutableElement> catcherFor(ExecutableElement element, String code) {
    Optional<ExecutableElement> exact = element.boundaryEvents().stream()
        .filter(b -> b.eventKind() == EventKind.ERROR && code.equals(b.errorCode())).findFirst();
    return exact.isPresent() ? exact : element.boundaryEvents().stream()
        .filter(b -> b.eventKind() == EventKind.ERROR && b.errorCode() == null).findFirst();
  }

  /**
   * Camunda's incident message for an uncaught error: " with message" only when there is one, and
   * the codes of the error catch events in scope that didn't match, innermost first.
   */
  public String unhandledMessage(ProcessingContext ctx, ElementInstance thrower, String code,
      String message) {
    List<String> available = new ArrayList<>();
    for (ElementInstance current = thrower; current != null;
        current = ctx.document.element(current.flowScopeKey)) {
      if (!lifecycle.isInner(ctx, current)) {
        ctx.process.element(current.elementId).boundaryEvents().stream()
            .filter(b -> b.eventKind() == EventKind.ERROR && b.errorCode() != null)
            .forEach(b -> available.add(b.errorCode()));
      }
      if (current.key == ctx.document.key) {
        break;
      }
    }
    String withMessage = message == null || message.isEmpty() ? "" : " with message '%s'".formatted(message);
    String catchEvents = available.isEmpty() ? " No error events are available in the scope."
        : " Available error events are [%s]".formatted(String.join(", ", available));
    return "Expected to throw an error event with the code '%s'%s, but it was not caught.%s"
        .formatted(code, withMessage, catchEvents);
  }
}

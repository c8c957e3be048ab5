package io.tandem.engine.processing;

import io.tandem.engine.expression.Result;
import io.tandem.engine.model.EventKind;
import io.tandem.engine.model.ExecutableElement;
import io.tandem.engine.model.MessageDefinition;
import io.tandem.engine.model.TimerDefinition;
import io.tandem.engine.state.ElementInstance;
import io.tandem.engine.store.MessageStore;
import io.tandem.engine.store.MessageStore.MessageRow;
import io.tandem.engine.store.MessageStore.SubscriptionRow;
import io.tandem.engine.store.TimerStore;
import io.tandem.engine.store.TimerStore.TimerRow;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Timers and message subscriptions of waiting elements (intermediate catch events, receive tasks)
 * and of boundary events, and what happens when one of them triggers.
 */
public final class EventSubscriptions {

  private final TimerStore timers;
  private final MessageStore messages;
  private ElementLifecycle lifecycle;

  public EventSubscriptions(TimerStore timers, MessageStore messages) {
    this.timers = timers;
    this.messages = messages;
  }

  void use(ElementLifecycle lifecycle) {
    this.lifecycle = lifecycle;
  }

  /** Opens the boundary events of an activity; false (with an incident) if one can't be. */
  boolean subscribe(ProcessingContext ctx, ExecutableElement activity, ElementInstance instance) {
    if (instance.boundariesOpen) {
      return true; // a retried activation (after an incident) keeps what it opened the first time
    }
    for (ExecutableElement boundary : activity.boundaryEvents()) {
      boolean opened = switch (boundary.eventKind()) {
        case TIMER -> openTimer(ctx, boundary, instance);
        case MESSAGE -> openSubscription(ctx, boundary, instance);
        default -> true;
      };
      if (!opened) {
        unsubscribe(ctx, instance); // all or none, so that the retry opens each exactly once
        return false;
      }
    }
    instance.boundariesOpen = true;
    return true;
  }

  /** Schedules the timer of a timer event for an element instance that waits for it. */
  public boolean openTimer(ProcessingContext ctx, ExecutableElement event, ElementInstance waiting) {
    TimerDefinition timer = event.timer();
    Result<String> text = lifecycle.expressions()
        .evaluate(timer.expression(), ctx.document.visibleVariables(waiting.key))
        .map(value -> value == null ? null : String.valueOf(value));
    Result<TimerSchedule> schedule = text.flatMap(value -> value == null
        ? Result.fail("Expected a timer value for '%s', but was null".formatted(event.id()))
        : switch (timer.kind()) {
            case DURATION -> TimerSchedule.duration(value, ctx.now);
            case DATE -> TimerSchedule.date(value);
            case CYCLE -> TimerSchedule.cycle(value, ctx.now);
          });
    if (!schedule.isOk()) {
      lifecycle.raiseIncident(ctx, waiting, IncidentType.EXTRACT_VALUE_ERROR, schedule.failure(),
          null, ElementInstance.Step.ACTIVATE);
      return false;
    }
    TimerSchedule due = schedule.value();
    long key = lifecycle.keys().nextKey();
    timers.insert(new TimerRow(key, ctx.document.key, waiting.key, event.id(), due.firstDue(),
        due.repetitions(), due.interval()));
    waiting.hasSubscriptions = true;
    ctx.record("TIMER", "CREATED", key, event.id(), null, waiting.key,
        Map.of("dueDate", due.firstDue().toString(), "repetitions", due.repetitions()));
    return true;
  }

  /** Opens a message subscription; a buffered message that matches is correlated right after. */
  public boolean openSubscription(ProcessingContext ctx, ExecutableElement event, ElementInstance waiting) {
    MessageDefinition message = event.message();
    Map<String, Object> variables = ctx.document.visibleVariables(waiting.key);
    Result<String> name = lifecycle.expressions().evaluateString(message.name(), variables);
    Result<Object> correlationValue = name.flatMap(n ->
        lifecycle.expressions().evaluate(message.correlationKey(), variables));
    Result<String> correlationKey = correlationValue.flatMap(value ->
        value instanceof String || value instanceof Number
            ? Result.ok(String.valueOf(value))
            : Result.fail(("Failed to extract the correlation key for '%s': The value must be either"
                + " a string or a number, but was '%s'.").formatted(
                    message.correlationKey().source().replaceFirst("^=", ""),
                    io.tandem.engine.expression.JavaValues.typeName(value))));
    if (!correlationKey.isOk()) {
      lifecycle.raiseIncident(ctx, waiting, IncidentType.EXTRACT_VALUE_ERROR,
          correlationKey.failure(), null, ElementInstance.Step.ACTIVATE);
      return false;
    }
    long key = lifecycle.keys().nextKey();
    var subscription = new SubscriptionRow(key, ctx.document.key, waiting.key, event.id(),
        name.value(), correlationKey.value(), event.interrupting(), ctx.document.tenantId);
    messages.insertSubscription(subscription, ctx.now);
    waiting.hasSubscriptions = true;
    ctx.record("PROCESS_MESSAGE_SUBSCRIPTION", "CREATED", key, event.id(), null, waiting.key,
        Map.of("messageName", name.value(), "correlationKey", correlationKey.value()));
    Optional<MessageRow> buffered = messages.bufferedFor(name.value(), correlationKey.value(),
        ctx.document.tenantId, ctx.document.key, ctx.document.bpmnProcessId, ctx.now);
    buffered.ifPresent(m -> ctx.schedule(() -> {
      // another subscription of this instance may have taken the message meanwhile
      if (!messages.isCorrelated(m.key(), ctx.document.key, ctx.document.bpmnProcessId)) {
        correlate(ctx, subscription, m.key(), m.variables());
      }
    }));
    return true;
  }

  void unsubscribe(ProcessingContext ctx, ElementInstance instance) {
    if (instance.hasSubscriptions) {
      timers.deleteByElementInstance(instance.key);
      messages.deleteSubscriptions(instance.key);
      instance.hasSubscriptions = false;
      instance.boundariesOpen = false;
    }
  }

  /** A due timer: completes a waiting catch event, or triggers a boundary event. */
  void trigger(ProcessingContext ctx, TimerRow timer) {
    ElementInstance waiting = ctx.document.element(timer.elementInstanceKey());
    ExecutableElement event = ctx.process.element(timer.elementId());
    ctx.record("TIMER", "TRIGGERED", timer.key(), timer.elementId(), null,
        timer.elementInstanceKey(), null);
    boolean repeats = !event.interrupting() && timer.cycle() != null
        && (timer.repetitions() < 0 || timer.repetitions() > 1);
    if (repeats) {
      Instant next = TimerSchedule.parseDuration(timer.cycle(), timer.dueDate()).value();
      timers.delete(timer.key());
      long key = lifecycle.keys().nextKey();
      var repeated = new TimerRow(key, timer.processInstanceKey(), timer.elementInstanceKey(),
          timer.elementId(), next.isBefore(ctx.now) ? ctx.now : next,
          timer.repetitions() < 0 ? -1 : timer.repetitions() - 1, timer.cycle());
      timers.insert(repeated);
      ctx.record("TIMER", "CREATED", key, event.id(), null, waiting.key,
          Map.of("dueDate", repeated.dueDate().toString(), "repetitions", repeated.repetitions()));
    } else {
      timers.delete(timer.key());
    }
    occur(ctx, event, waiting, Map.of());
  }

  /** Correlates a message to a subscription of this (locked) process instance. */
  void correlate(ProcessingContext ctx, SubscriptionRow subscription, long messageKey,
      Map<String, Object> variables) {
    ElementInstance waiting = ctx.document.element(subscription.elementInstanceKey());
    if (waiting == null || messages.subscription(subscription.key()).isEmpty()) {
      return; // closed meanwhile
    }
    ExecutableElement event = ctx.process.element(subscription.elementId());
    if (event.interrupting()) {
      messages.deleteSubscription(subscription.key());
    }
    messages.recordCorrelation(messageKey, ctx.document.key);
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("messageKey", messageKey);
    payload.put("messageName", subscription.messageName());
    payload.put("correlationKey", subscription.correlationKey());
    ctx.record("PROCESS_MESSAGE_SUBSCRIPTION", "CORRELATED", subscription.key(), event.id(), null,
        waiting.key, payload);
    occur(ctx, event, waiting, variables);
  }

  /**
   * The event happened: a waiting element completes with the event's variables; a boundary event
   * interrupts its activity (or not) and continues from the activity's scope.
   */
  void occur(ProcessingContext ctx, ExecutableElement event, ElementInstance waiting,
      Map<String, Object> variables) {
    if (event.attachedTo() == null) {
      mergeEventVariables(ctx, event, waiting.key, variables);
      lifecycle.scheduleCompletion(ctx, waiting);
      return;
    }
    if (event.interrupting()) {
      lifecycle.interrupt(ctx, waiting, event, variables);
    } else {
      lifecycle.scheduleActivation(ctx, event, waiting.flowScopeKey, null, variables);
    }
  }

  /** Without output mappings the event's variables propagate; with them they stay local for mapping. */
  void mergeEventVariables(ProcessingContext ctx, ExecutableElement event, long instanceKey,
      Map<String, Object> variables) {
    if (variables == null || variables.isEmpty()) {
      return;
    }
    if (event.outputs().isEmpty()) {
      ctx.document.propagate(instanceKey, variables);
    } else {
      ctx.document.setLocal(instanceKey, variables);
    }
  }
}

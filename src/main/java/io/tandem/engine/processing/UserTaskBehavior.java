package io.tandem.engine.processing;

import io.tandem.engine.expression.Expression;
import io.tandem.engine.expression.ExpressionService;
import io.tandem.engine.expression.Result;
import io.tandem.engine.model.ExecutableElement;
import io.tandem.engine.model.TaskListenerEventType;
import io.tandem.engine.model.UserTaskDefinition;
import io.tandem.engine.state.ElementInstance;
import io.tandem.engine.store.UserTaskStore;
import io.tandem.engine.store.UserTaskStore.UserTaskRow;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Creates the Camunda user task of a user task element (no job: people work on it through the
 * user task API), applies what commands and task listeners change, and ends it: completed by a
 * person, or canceled when the element is terminated.
 */
public final class UserTaskBehavior {

  private final UserTaskStore tasks;
  private final FormResolver forms;
  private final ElementLifecycle lifecycle;

  public UserTaskBehavior(UserTaskStore tasks, FormResolver forms, ElementLifecycle lifecycle) {
    this.tasks = tasks;
    this.forms = forms;
    this.lifecycle = lifecycle;
  }

  /**
   * A new task, and the assignee it is still to get: the model's assignee waits while creating
   * listeners run, or goes through assigning listeners, as in Camunda; otherwise it is set at once.
   */
  public record Created(UserTaskRow task, String pendingAssignee) {}

  /**
   * Creates the task: CREATED, or CREATING while its creating listeners are to run. Null (with an
   * incident) when an attribute can't be evaluated or the form isn't deployed.
   */
  public Created create(ProcessingContext ctx, ExecutableElement element, ElementInstance instance) {
    UserTaskDefinition definition = element.userTask();
    Map<String, Object> variables = ctx.document.visibleVariables(instance.key);
    Result<String> assignee = optionalString(definition.assignee(), variables);
    Result<List<String>> candidateGroups = assignee.flatMap(a -> names(definition.candidateGroups(), variables));
    Result<List<String>> candidateUsers = candidateGroups.flatMap(g -> names(definition.candidateUsers(), variables));
    Result<Instant> dueDate = candidateUsers.flatMap(u -> dateTime(definition.dueDate(), variables));
    Result<Instant> followUpDate = dueDate.flatMap(d -> dateTime(definition.followUpDate(), variables));
    Result<Integer> priority = followUpDate.flatMap(f -> priority(definition.priority(), variables));
    Result<String> externalReference = priority.flatMap(p -> optionalString(definition.externalFormReference(), variables));
    if (!externalReference.isOk()) {
      lifecycle.raiseIncident(ctx, instance, IncidentType.EXTRACT_VALUE_ERROR, externalReference.failure(),
          null, ElementInstance.Step.ACTIVATE);
      return null;
    }
    Long formKey = null;
    if (definition.form() != null) {
      Result<Long> form = forms.resolve(definition.form(), ctx.process.key(), ctx.document.tenantId);
      if (!form.isOk()) {
        lifecycle.raiseIncident(ctx, instance, IncidentType.FORM_NOT_FOUND, form.failure(), null,
            ElementInstance.Step.ACTIVATE);
        return null;
      }
      formKey = form.value();
    }
    boolean creating = definition.hasListeners(TaskListenerEventType.CREATING);
    boolean assignLater = creating
        || assignee.value() != null && definition.hasListeners(TaskListenerEventType.ASSIGNING);
    long key = lifecycle.keys().nextKey();
    String name = element.name() == null || element.name().isBlank() ? element.id() : element.name();
    String processName = ctx.process.root().name() == null ? ctx.process.bpmnProcessId() : ctx.process.root().name();
    UserTaskRow task = new UserTaskRow(key,
        creating ? TaskListenerEventType.CREATING.name() : UserTaskStore.CREATED, element.id(), name,
        assignLater ? null : assignee.value(), candidateGroups.value(), candidateUsers.value(),
        dueDate.value(), followUpDate.value(), priority.value(), formKey, externalReference.value(),
        definition.headers(), ctx.now, null, ctx.document.key, instance.key,
        ctx.document.processDefinitionKey, ctx.document.bpmnProcessId, ctx.document.version,
        processName, ctx.document.tenantId);
    tasks.insert(task);
    instance.userTaskKey = key;
    if (!creating) {
      ctx.record("USER_TASK", "CREATED", key, element.id(), null, instance.key, attributes(task));
    }
    return new Created(task, assignLater ? assignee.value() : null);
  }

  /** The creating listeners are done: the task, with their corrections, is created. */
  void created(ProcessingContext ctx, ElementInstance instance, UserTaskRow task, long transition) {
    tasks.write(task);
    Map<String, Object> payload = attributes(task);
    payload.put("transition", transition);
    ctx.record("USER_TASK", "CREATED", task.key(), task.elementId(), null, instance.key, payload);
  }

  /** Assigned (or unassigned, without assignee); with whatever listeners corrected besides. */
  void assigned(ProcessingContext ctx, ElementInstance instance, UserTaskRow task, String action,
      Long transition) {
    tasks.write(task);
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("assignee", task.assignee() == null ? "" : task.assignee());
    payload.put("action", action);
    if (transition != null) {
      payload.put("transition", transition);
    }
    ctx.record("USER_TASK", "ASSIGNED", task.key(), task.elementId(), null, instance.key, payload);
  }

  /** Updated: the changed attributes (as Camunda names them) with their new values. */
  void updated(ProcessingContext ctx, ElementInstance instance, UserTaskRow task, List<String> changed,
      String action, Long transition) {
    tasks.write(task);
    Map<String, Object> payload = new LinkedHashMap<>();
    Map<String, Object> values = attributes(task);
    for (String attribute : changed) {
      String field = attribute.replace("List", ""); // candidateGroupsList is the candidateGroups field
      Object value = values.get(field);
      payload.put(field, value == null ? "" : value);
    }
    payload.put("changedAttributes", changed);
    payload.put("action", action);
    if (transition != null) {
      payload.put("transition", transition);
    }
    ctx.record("USER_TASK", "UPDATED", task.key(), task.elementId(), null, instance.key, payload);
  }

  private static Map<String, Object> attributes(UserTaskRow task) {
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("assignee", task.assignee());
    payload.put("candidateGroups", task.candidateGroups());
    payload.put("candidateUsers", task.candidateUsers());
    payload.put("dueDate", task.dueDate() == null ? null : task.dueDate().toString());
    payload.put("followUpDate", task.followUpDate() == null ? null : task.followUpDate().toString());
    payload.put("priority", task.priority());
    payload.put("formKey", task.formKey());
    return payload;
  }

  /**
   * The element is terminated (a boundary event, cancellation): its open task is canceled. A
   * transition that was waiting for listeners ends with it; its caller learns so.
   */
  public void cancel(ProcessingContext ctx, ElementInstance instance, Long interruptedTransition) {
    if (instance.userTaskKey != null) {
      tasks.end(instance.userTaskKey, UserTaskStore.CANCELED, ctx.now);
      ctx.record("USER_TASK", "CANCELED", instance.userTaskKey, instance.elementId, null, instance.key,
          interruptedTransition == null ? null : Map.of("transition", interruptedTransition));
      instance.userTaskKey = null;
    }
  }

  /**
   * A person completed the task: its variables go into the process as a job's do (propagated, or
   * local to the element when it has output mappings), then the element completes.
   */
  public void complete(ProcessingContext ctx, ElementInstance instance, Map<String, Object> variables,
      String action, Long transition) {
    long key = instance.userTaskKey;
    tasks.end(key, UserTaskStore.COMPLETED, ctx.now);
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("action", action);
    if (transition != null) {
      payload.put("transition", transition);
    }
    ctx.record("USER_TASK", "COMPLETED", key, instance.elementId, null, instance.key, payload);
    instance.userTaskKey = null;
    if (variables != null && !variables.isEmpty()) {
      if (ctx.process.element(instance.elementId).outputs().isEmpty()) {
        ctx.document.propagate(instance.key, new LinkedHashMap<>(variables));
      } else {
        ctx.document.setLocal(instance.key, new LinkedHashMap<>(variables));
      }
    }
    lifecycle.scheduleCompletion(ctx, instance);
  }

  // --- evaluation of the task's attributes ---------------------------------------------------

  private Result<String> optionalString(Expression expression, Map<String, Object> variables) {
    if (expression == null) {
      return Result.ok(null);
    }
    return expressions().evaluate(expression, variables).flatMap(value -> {
      if (value == null) {
        return Result.ok(null);
      }
      if (value instanceof String s) {
        return Result.ok(s.isBlank() ? null : s);
      }
      return Result.fail(ExpressionService.typeMismatch(expression, "STRING", value));
    });
  }

  /** Candidate groups or users: a static comma-separated list, or FEEL giving a list of strings. */
  private Result<List<String>> names(Expression expression, Map<String, Object> variables) {
    if (expression == null) {
      return Result.ok(List.of());
    }
    if (expression.isStatic()) {
      return Result.ok(Arrays.stream(expression.staticValue().split(","))
          .map(String::trim).filter(s -> !s.isEmpty()).toList());
    }
    return expressions().evaluate(expression, variables).flatMap(value -> {
      if (value == null) {
        return Result.ok(List.of());
      }
      if (!(value instanceof List<?> list)) {
        return Result.fail(ExpressionService.typeMismatch(expression, "ARRAY", value));
      }
      List<String> names = new ArrayList<>();
      for (Object item : list) {
        if (!(item instanceof String s)) {
          return Result.fail(("Expected result of the expression '%s' to be 'ARRAY' containing 'STRING'"
              + " items, but was 'ARRAY' containing at least one non-'STRING' item.")
              .formatted(source(expression)));
        }
        names.add(s);
      }
      return Result.ok(names);
    });
  }

  /** Due and follow-up dates: ISO 8601 date and time with an offset, or a FEEL date and time. */
  private Result<Instant> dateTime(Expression expression, Map<String, Object> variables) {
    if (expression == null) {
      return Result.ok(null);
    }
    return expressions().evaluate(expression, variables).flatMap(value -> {
      if (value == null) {
        return Result.ok(null);
      }
      if (!(value instanceof String s)) {
        return Result.fail(ExpressionService.typeMismatch(expression, "DATE_TIME", value));
      }
      if (s.isBlank()) {
        return Result.ok(null);
      }
      try {
        // to the microsecond, as stored: listeners, searches and gets see the same instant
        return Result.ok(ZonedDateTime.parse(s.trim()).toInstant().truncatedTo(ChronoUnit.MICROS));
      } catch (DateTimeParseException e) {
        return Result.fail(("Expected result of the expression '%s' to be a date and time with an offset"
            + " (ISO 8601, e.g. 2025-03-01T10:00:00Z), but was '%s'.").formatted(source(expression), s));
      }
    });
  }

  private Result<Integer> priority(Expression expression, Map<String, Object> variables) {
    if (expression == null) {
      return Result.ok(UserTaskDefinition.DEFAULT_PRIORITY);
    }
    return expressions().evaluateLong(expression, variables).flatMap(value -> value >= 0 && value <= 100
        ? Result.ok(value.intValue())
        : Result.fail("Expected priority to be a number between 0 and 100, but was '%d'.".formatted(value)));
  }

  private ExpressionService expressions() {
    return lifecycle.expressions();
  }

  private static String source(Expression expression) {
    return expression.isStatic() ? expression.source() : expression.source().trim().substring(1);
  }
}

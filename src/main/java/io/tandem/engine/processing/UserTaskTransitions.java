package io.tandem.engine.processing;

import io.tandem.engine.expression.Result;
import io.tandem.engine.model.ExecutableElement;
import io.tandem.engine.model.TaskListener;
import io.tandem.engine.model.TaskListenerEventType;
import io.tandem.engine.model.UserTaskDefinition;
import io.tandem.engine.state.ElementInstance;
import io.tandem.engine.state.TaskTransition;
import io.tandem.engine.state.TaskTransition.Attributes;
import io.tandem.engine.store.JobRow;
import io.tandem.engine.store.Json;
import io.tandem.engine.store.UserTaskStore;
import io.tandem.engine.store.UserTaskStore.UserTaskRow;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The lifecycle transitions of a Camunda user task (created, assigned, updated, completed,
 * canceled), each at once, or through the task listeners of its event as Camunda 8.8 runs them:
 * the task waits in the event's intermediate state (CREATING, ASSIGNING, ...) while its listeners
 * run one after the other, each as a job of kind TASK_LISTENER that carries the task's variables
 * and, in its headers, the task's attributes. A listener's job completion may correct the task
 * (seen by the next listener, applied when the transition ends) or deny an assigning, updating or
 * completing transition, which leaves the task as it was. Failing a listener's job follows the job
 * rules: retries, then an incident whose resolution retries that listener.
 */
public final class UserTaskTransitions {

  /** What a listener's job completion says: deny the transition, or correct the task. */
  public record ListenerResult(boolean denied, String deniedReason, Corrections corrections) {}

  /**
   * Corrections of a task's attributes: null leaves an attribute as it is; an empty assignee, date
   * or list clears it.
   */
  public record Corrections(String assignee, String dueDate, String followUpDate,
      List<String> candidateUsers, List<String> candidateGroups, Integer priority) {

    boolean isEmpty() {
      return assignee == null && dueDate == null && followUpDate == null && candidateUsers == null
          && candidateGroups == null && priority == null;
    }
  }

  /** The reserved job headers that tell a listener about its task, as Camunda names them. */
  public static final String HEADER = "io.camunda.zeebe:";

  private final UserTaskStore tasks;
  private final UserTaskBehavior userTasks;
  private final JobBehavior jobs;
  private final ElementLifecycle lifecycle;
  private final EngineNotifications notifications;

  public UserTaskTransitions(UserTaskStore tasks, UserTaskBehavior userTasks, JobBehavior jobs,
      ElementLifecycle lifecycle, EngineNotifications notifications) {
    this.tasks = tasks;
    this.userTasks = userTasks;
    this.jobs = jobs;
    this.lifecycle = lifecycle;
    this.notifications = notifications;
  }

  /** The listener event of a job that is the running task listener job of its element instance, else null. */
  public static TaskListenerEventType listenerEventOf(ElementInstance instance, long jobKey) {
    TaskTransition transition = instance == null ? null : instance.taskTransition;
    return transition != null && transition.jobKey != null && transition.jobKey == jobKey
        ? TaskListenerEventType.valueOf(transition.event) : null;
  }

  // --- the transitions --------------------------------------------------------------------

  /** A new task: its creating listeners run, or the model's assignee is assigned (through listeners). */
  public void created(ProcessingContext ctx, ElementInstance instance, UserTaskBehavior.Created created) {
    UserTaskRow task = created.task();
    if (TaskListenerEventType.CREATING.name().equals(task.state())) {
      TaskTransition transition = transition(ctx, TaskListenerEventType.CREATING, task, "");
      transition.before.assignee = created.pendingAssignee();
      transition.after.assignee = created.pendingAssignee();
      transition.assigneeFromModel = created.pendingAssignee() != null;
      begin(ctx, instance, task, transition);
    } else if (created.pendingAssignee() != null) {
      assign(ctx, instance, task, created.pendingAssignee(), "");
    }
  }

  /** Assigns (or, without assignee, unassigns); the key of the transition if listeners run first. */
  public Long assign(ProcessingContext ctx, ElementInstance instance, UserTaskRow task, String assignee,
      String action) {
    if (!definition(ctx, instance).hasListeners(TaskListenerEventType.ASSIGNING)) {
      userTasks.assigned(ctx, instance, task.with(task.state(), assignee, task.candidateGroups(),
          task.candidateUsers(), task.dueDate(), task.followUpDate(), task.priority()), action, null);
      return null;
    }
    TaskTransition transition = transition(ctx, TaskListenerEventType.ASSIGNING, task, action);
    transition.after.assignee = assignee;
    transition.changed.add(Attributes.ASSIGNEE);
    return begin(ctx, instance, task, transition);
  }

  /** Updates to {@code updated}; the key of the transition if listeners run first. */
  public Long update(ProcessingContext ctx, ElementInstance instance, UserTaskRow task, UserTaskRow updated,
      List<String> changed, String action) {
    if (!definition(ctx, instance).hasListeners(TaskListenerEventType.UPDATING)) {
      userTasks.updated(ctx, instance, updated, changed, action, null);
      return null;
    }
    TaskTransition transition = transition(ctx, TaskListenerEventType.UPDATING, task, action);
    transition.after = attributes(updated);
    transition.changed.addAll(changed);
    return begin(ctx, instance, task, transition);
  }

  /** Completes with variables; the key of the transition if listeners run first. */
  public Long complete(ProcessingContext ctx, ElementInstance instance, UserTaskRow task,
      Map<String, Object> variables, String action) {
    if (!definition(ctx, instance).hasListeners(TaskListenerEventType.COMPLETING)) {
      userTasks.complete(ctx, instance, variables, action, null);
      return null;
    }
    TaskTransition transition = transition(ctx, TaskListenerEventType.COMPLETING, task, action);
    transition.variables = variables == null || variables.isEmpty() ? null : new LinkedHashMap<>(variables);
    return begin(ctx, instance, task, transition);
  }

  /**
   * The element is terminated: a transition under way ends (its job is canceled, its caller told),
   * then the task is canceled, after its canceling listeners if it has any. True while they run:
   * the element is gone only when they are done.
   */
  public boolean cancel(ProcessingContext ctx, ElementInstance instance) {
    TaskTransition pending = instance.taskTransition;
    Long interrupted = null;
    if (pending != null) {
      instance.taskTransition = null;
      if (pending.jobKey != null) {
        jobs.cancel(ctx, instance, pending.jobKey);
      }
      if (instance.userTaskKey != null) {
        interrupted = pending.key;
        ended(instance.userTaskKey);
      }
    }
    if (instance.userTaskKey == null) {
      return false;
    }
    if (!definition(ctx, instance).hasListeners(TaskListenerEventType.CANCELING)) {
      userTasks.cancel(ctx, instance, interrupted);
      return false;
    }
    UserTaskRow task = task(instance);
    TaskTransition canceling = transition(ctx, TaskListenerEventType.CANCELING, task, "");
    if (interrupted != null) {
      canceling.key = interrupted; // its records then tell the interrupted command's caller
    }
    begin(ctx, instance, task, canceling);
    return true;
  }

  /** Whether the element waits for its canceling listeners to be gone. */
  public static boolean awaitsCanceling(ElementInstance instance) {
    return instance.taskTransition != null
        && TaskListenerEventType.CANCELING.name().equals(instance.taskTransition.event);
  }

  /** The incident of a listener's job type or retries was resolved: the transition starts over. */
  public void retry(ProcessingContext ctx, ElementInstance instance) {
    if (instance.taskTransition != null && instance.taskTransition.jobKey == null) {
      instance.taskTransition.listener = 0;
      runListener(ctx, instance);
    }
  }

  // --- listener jobs ------------------------------------------------------------------------

  /**
   * The running listener's job was completed (the job itself is gone already): the next listener
   * runs, or the transition ends, done or denied. Rejects what a listener may not answer.
   */
  public void listenerCompleted(ProcessingContext ctx, JobRow job, ElementInstance instance,
      Map<String, Object> variables, ListenerResult result) {
    TaskTransition transition = instance.taskTransition;
    TaskListenerEventType event = TaskListenerEventType.valueOf(transition.event);
    ListenerResult answer = result == null ? new ListenerResult(false, null, null) : result;
    Corrections corrections = answer.corrections() == null || answer.corrections().isEmpty()
        ? null : answer.corrections();
    check(job, transition, event, variables, answer.denied(), corrections);
    transition.jobKey = null;
    if (answer.denied()) {
      deny(ctx, instance, transition, event, answer.deniedReason());
      return;
    }
    if (corrections != null) {
      correct(ctx, instance, transition, corrections);
    }
    transition.listener++;
    if (transition.listener < definition(ctx, instance).listeners(event).size()) {
      runListener(ctx, instance);
    } else {
      finish(ctx, instance, transition, event);
    }
  }

  private static void check(JobRow job, TaskTransition transition, TaskListenerEventType event,
      Map<String, Object> variables, boolean denied, Corrections corrections) {
    if (variables != null && !variables.isEmpty()) {
      throw Rejection.invalidArgument("COMPLETE", "Expected to complete task listener job with key '%d'"
          + " without variables, but variables were given: a task listener cannot set variables", job.key());
    }
    if (denied && !event.canBeDenied()) {
      throw Rejection.invalidArgument("COMPLETE", "Expected to complete task listener job with key '%d',"
          + " but a %s listener cannot deny its transition: only ASSIGNING, UPDATING and COMPLETING"
          + " listeners can", job.key(), event);
    }
    if (denied && corrections != null) {
      throw Rejection.invalidArgument("COMPLETE", "Expected to complete task listener job with key '%d'"
          + " either denying or correcting the task, but it does both: the denial would discard the"
          + " corrections", job.key());
    }
    if (corrections == null) {
      return;
    }
    if (event == TaskListenerEventType.CREATING && corrections.assignee() != null
        && transition.assigneeFromModel) {
      throw Rejection.invalidArgument("COMPLETE", "Expected to complete task listener job with key '%d',"
          + " but a creating listener cannot correct the assignee the model gives the task; correct it"
          + " in an assigning listener", job.key());
    }
    if (corrections.priority() != null && (corrections.priority() < 0 || corrections.priority() > 100)) {
      throw Rejection.invalidArgument("COMPLETE", "Expected the corrected priority of task listener job"
          + " with key '%d' to be between 0 and 100, but was '%d'", job.key(), corrections.priority());
    }
    checkDate(job, "dueDate", corrections.dueDate());
    checkDate(job, "followUpDate", corrections.followUpDate());
  }

  private static void checkDate(JobRow job, String field, String value) {
    try {
      instant(value);
    } catch (DateTimeParseException e) {
      throw Rejection.invalidArgument("COMPLETE", "Expected the corrected %s of task listener job with"
          + " key '%d' to be a date and time with an offset (ISO 8601), but was '%s'", field, job.key(), value);
    }
  }

  /** A corrected date as an ISO 8601 instant; null for an empty one, which clears the date. */
  private static String instant(String value) {
    return value == null || value.isEmpty() ? null
        : OffsetDateTime.parse(value).toInstant().truncatedTo(ChronoUnit.MICROS).toString();
  }

  private void correct(ProcessingContext ctx, ElementInstance instance, TaskTransition transition,
      Corrections corrections) {
    Attributes after = transition.after;
    Map<String, Object> payload = new LinkedHashMap<>();
    if (corrections.assignee() != null) {
      after.assignee = corrections.assignee().isEmpty() ? null : corrections.assignee();
      payload.put("assignee", corrections.assignee());
    }
    if (corrections.candidateGroups() != null) {
      after.candidateGroups = new ArrayList<>(corrections.candidateGroups());
      payload.put("candidateGroups", corrections.candidateGroups());
    }
    if (corrections.candidateUsers() != null) {
      after.candidateUsers = new ArrayList<>(corrections.candidateUsers());
      payload.put("candidateUsers", corrections.candidateUsers());
    }
    if (corrections.dueDate() != null) {
      after.dueDate = instant(corrections.dueDate());
      payload.put("dueDate", corrections.dueDate());
    }
    if (corrections.followUpDate() != null) {
      after.followUpDate = instant(corrections.followUpDate());
      payload.put("followUpDate", corrections.followUpDate());
    }
    if (corrections.priority() != null) {
      after.priority = corrections.priority();
      payload.put("priority", corrections.priority());
    }
    ctx.record("USER_TASK", "CORRECTED", instance.userTaskKey, instance.elementId, null, instance.key, payload);
  }

  /** Creates the job of the transition's current listener; an incident if its expressions fail. */
  private void runListener(ProcessingContext ctx, ElementInstance instance) {
    TaskTransition transition = instance.taskTransition;
    TaskListener listener = definition(ctx, instance)
        .listeners(TaskListenerEventType.valueOf(transition.event)).get(transition.listener);
    Result<Long> job = jobs.create(ctx, instance, listener.type(), listener.retries(),
        headers(task(instance), transition),
        Map.of("kind", "TASK_LISTENER", "listenerEventType", transition.event));
    if (job.isOk()) {
      transition.jobKey = job.value();
    } else {
      lifecycle.raiseIncident(ctx, instance, IncidentType.EXTRACT_VALUE_ERROR, job.failure(), null,
          ElementInstance.Step.TASK_LISTENER);
    }
  }

  /** The task's custom headers, and its attributes as the transition has them under reserved names. */
  private static Map<String, Object> headers(UserTaskRow task, TaskTransition transition) {
    Map<String, Object> headers = new LinkedHashMap<>(task.customHeaders());
    Attributes attributes = transition.after;
    putIfPresent(headers, "action", transition.action);
    putIfPresent(headers, "assignee", attributes.assignee);
    if (!attributes.candidateGroups.isEmpty()) {
      headers.put(HEADER + "candidateGroups", Json.write(attributes.candidateGroups));
    }
    if (!attributes.candidateUsers.isEmpty()) {
      headers.put(HEADER + "candidateUsers", Json.write(attributes.candidateUsers));
    }
    putIfPresent(headers, "dueDate", attributes.dueDate);
    putIfPresent(headers, "followUpDate", attributes.followUpDate);
    if (task.formKey() != null) {
      headers.put(HEADER + "formKey", task.formKey().toString());
    }
    if (attributes.priority > 0) {
      headers.put(HEADER + "priority", Integer.toString(attributes.priority));
    }
    headers.put(HEADER + "userTaskKey", Long.toString(task.key()));
    List<String> changed = changedAttributes(transition);
    if (!changed.isEmpty()) {
      headers.put(HEADER + "changedAttributes", Json.write(changed));
    }
    return headers;
  }

  private static void putIfPresent(Map<String, Object> headers, String name, String value) {
    if (value != null && !value.isEmpty()) {
      headers.put(HEADER + name, value);
    }
  }

  /** What the command changes and what listeners corrected to differ from before, sorted. */
  private static List<String> changedAttributes(TaskTransition transition) {
    TreeSet<String> changed = new TreeSet<>(transition.changed);
    changed.addAll(transition.before.differences(transition.after));
    return new ArrayList<>(changed);
  }

  // --- beginning and ending -----------------------------------------------------------------

  private TaskTransition transition(ProcessingContext ctx, TaskListenerEventType event, UserTaskRow task,
      String action) {
    TaskTransition transition = new TaskTransition();
    transition.event = event.name();
    transition.key = lifecycle.keys().nextKey();
    transition.action = action;
    transition.before = attributes(task);
    transition.after = transition.before.copy();
    return transition;
  }

  private long begin(ProcessingContext ctx, ElementInstance instance, UserTaskRow task, TaskTransition transition) {
    instance.taskTransition = transition;
    tasks.setState(task.key(), transition.event);
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("action", transition.action);
    payload.put("changedAttributes", changedAttributes(transition));
    if (TaskListenerEventType.CANCELING.name().equals(transition.event)) {
      payload.put("transition", transition.key); // the one it interrupts, if any, learns it so
    }
    ctx.record("USER_TASK", transition.event, task.key(), task.elementId(), null, instance.key, payload);
    runListener(ctx, instance);
    return transition.key;
  }

  private void finish(ProcessingContext ctx, ElementInstance instance, TaskTransition transition,
      TaskListenerEventType event) {
    instance.taskTransition = null;
    UserTaskRow task = task(instance);
    switch (event) {
      case CREATING -> {
        UserTaskRow created = apply(task, UserTaskStore.CREATED, transition.after);
        userTasks.created(ctx, instance, created.with(created.state(), null, created.candidateGroups(),
            created.candidateUsers(), created.dueDate(), created.followUpDate(), created.priority()),
            transition.key);
        if (transition.after.assignee != null) {
          assign(ctx, instance, task(instance), transition.after.assignee, "");
        }
      }
      case ASSIGNING -> userTasks.assigned(ctx, instance, apply(task, UserTaskStore.CREATED, transition.after),
          transition.action, transition.key);
      case UPDATING -> userTasks.updated(ctx, instance, apply(task, UserTaskStore.CREATED, transition.after),
          changedAttributes(transition), transition.action, transition.key);
      case COMPLETING -> {
        tasks.write(apply(task, task.state(), transition.after));
        userTasks.complete(ctx, instance, transition.variables, transition.action, transition.key);
      }
      case CANCELING -> {
        tasks.write(apply(task, task.state(), transition.after));
        userTasks.cancel(ctx, instance, transition.key);
        lifecycle.finishTermination(ctx, instance);
      }
    }
    ended(task.key());
  }

  /** A listener denied the transition: the task stays as it was before it, created. */
  private void deny(ProcessingContext ctx, ElementInstance instance, TaskTransition transition,
      TaskListenerEventType event, String reason) {
    instance.taskTransition = null;
    tasks.setState(instance.userTaskKey, UserTaskStore.CREATED);
    String intent = switch (event) {
      case ASSIGNING -> "ASSIGNMENT_DENIED";
      case UPDATING -> "UPDATE_DENIED";
      default -> "COMPLETION_DENIED";
    };
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("deniedReason", reason == null ? "" : reason);
    payload.put("transition", transition.key);
    ctx.record("USER_TASK", intent, instance.userTaskKey, instance.elementId, null, instance.key, payload);
    ended(instance.userTaskKey);
  }

  /** Wakes a caller waiting for the transition, once the command's transaction committed. */
  private void ended(long userTaskKey) {
    if (TransactionSynchronizationManager.isSynchronizationActive()) {
      TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
        @Override
        public void afterCommit() {
          notifications.userTaskTransitionEnded(userTaskKey);
        }
      });
    }
  }

  private UserTaskRow task(ElementInstance instance) {
    return tasks.find(instance.userTaskKey).orElseThrow();
  }

  private static UserTaskDefinition definition(ProcessingContext ctx, ElementInstance instance) {
    ExecutableElement element = ctx.process.element(instance.elementId);
    return element.userTask();
  }

  private static Attributes attributes(UserTaskRow task) {
    Attributes attributes = new Attributes();
    attributes.assignee = task.assignee();
    attributes.candidateGroups = new ArrayList<>(task.candidateGroups());
    attributes.candidateUsers = new ArrayList<>(task.candidateUsers());
    attributes.dueDate = task.dueDate() == null ? null : task.dueDate().toString();
    attributes.followUpDate = task.followUpDate() == null ? null : task.followUpDate().toString();
    attributes.priority = task.priority();
    return attributes;
  }

  private static UserTaskRow apply(UserTaskRow task, String state, Attributes attributes) {
    return task.with(state, attributes.assignee, attributes.candidateGroups, attributes.candidateUsers,
        attributes.dueDate == null ? null : Instant.parse(attributes.dueDate),
        attributes.followUpDate == null ? null : Instant.parse(attributes.followUpDate),
        attributes.priority);
  }
}

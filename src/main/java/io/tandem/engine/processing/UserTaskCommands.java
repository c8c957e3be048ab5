package io.tandem.engine.processing;

import io.tandem.engine.state.ElementInstance;
import io.tandem.engine.state.ElementState;
import io.tandem.engine.state.TaskTransition.Attributes;
import io.tandem.engine.store.UserTaskStore;
import io.tandem.engine.store.UserTaskStore.UserTaskRow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What people (through a tasklist) do with Camunda user tasks: assign, claim, unassign, update,
 * complete. Each runs under its process instance's lock; a task that is not open (completed,
 * canceled, never existed) is not found, as in Camunda, and a claim of a task someone else holds,
 * or a command on a task whose listeners run, is refused for its state.
 */
public final class UserTaskCommands {

  /** An update's changes: a {@code null} list or priority, or an unset date, leaves that attribute. */
  public record Changes(boolean dueDateSet, Instant dueDate, boolean followUpDateSet, Instant followUpDate,
      List<String> candidateGroups, List<String> candidateUsers, Integer priority) {

    public boolean isEmpty() {
      return !dueDateSet && !followUpDateSet && candidateGroups == null && candidateUsers == null
          && priority == null;
    }
  }

  private final InstanceTransactions transactions;
  private final UserTaskStore tasks;
  private final UserTaskTransitions transitions;

  public UserTaskCommands(InstanceTransactions transactions, UserTaskStore tasks,
      UserTaskTransitions transitions) {
    this.transactions = transactions;
    this.tasks = tasks;
    this.transitions = transitions;
  }

  /*
   * Each command returns null when done, or the key of the transition that waits for the task's
   * listeners; the caller learns its outcome from the task's records (see UserTaskStore#transitionOutcome).
   */

  /** Assigns the task; without {@code allowOverride} it is a claim, refused if someone else holds it. */
  public Long assign(long userTaskKey, String assignee, boolean allowOverride, String action) {
    String command = allowOverride ? "ASSIGN" : "CLAIM";
    String verb = allowOverride ? "assign" : "claim";
    if (assignee == null || assignee.isBlank()) {
      throw Rejection.invalidArgument(command,
          "Expected to %s user task with key '%d' to an assignee, but none was given", verb, userTaskKey);
    }
    return onOpenTask(userTaskKey, verb, command, (ctx, task, instance) -> {
      if (!allowOverride && task.assignee() != null && !task.assignee().equals(assignee)) {
        throw Rejection.invalidState(command,
            "Expected to claim user task with key '%d', but it has already been assigned", userTaskKey);
      }
      return transitions.assign(ctx, instance, task, assignee, orDefault(action, verb));
    });
  }

  public Long unassign(long userTaskKey, String action) {
    return onOpenTask(userTaskKey, "unassign", "ASSIGN", (ctx, task, instance) ->
        transitions.assign(ctx, instance, task, null, orDefault(action, "unassign")));
  }

  public Long update(long userTaskKey, Changes changes, String action) {
    if (changes.priority() != null && (changes.priority() < 0 || changes.priority() > 100)) {
      throw Rejection.invalidArgument("UPDATE",
          "Expected the priority of user task with key '%d' to be between 0 and 100, but was '%d'",
          userTaskKey, changes.priority());
    }
    return onOpenTask(userTaskKey, "update", "UPDATE", (ctx, task, instance) -> {
      List<String> changed = new ArrayList<>();
      if (changes.candidateGroups() != null) {
        changed.add(Attributes.CANDIDATE_GROUPS);
      }
      if (changes.candidateUsers() != null) {
        changed.add(Attributes.CANDIDATE_USERS);
      }
      if (changes.dueDateSet()) {
        changed.add(Attributes.DUE_DATE);
      }
      if (changes.followUpDateSet()) {
        changed.add(Attributes.FOLLOW_UP_DATE);
      }
      if (changes.priority() != null) {
        changed.add(Attributes.PRIORITY);
      }
      UserTaskRow updated = task.with(task.state(), task.assignee(),
          changes.candidateGroups() == null ? task.candidateGroups() : changes.candidateGroups(),
          changes.candidateUsers() == null ? task.candidateUsers() : changes.candidateUsers(),
          changes.dueDateSet() ? changes.dueDate() : task.dueDate(),
          changes.followUpDateSet() ? changes.followUpDate() : task.followUpDate(),
          changes.priority() == null ? task.priority() : changes.priority());
      return transitions.update(ctx, instance, task, updated, changed, orDefault(action, "update"));
    });
  }

  public Long complete(long userTaskKey, Map<String, Object> variables, String action) {
    return onOpenTask(userTaskKey, "complete", "COMPLETE", (ctx, task, instance) ->
        transitions.complete(ctx, instance, task, variables, orDefault(action, "complete")));
  }

  private static String orDefault(String action, String verb) {
    return action == null || action.isBlank() ? verb : action;
  }

  @FunctionalInterface
  private interface TaskAction {
    Long apply(ProcessingContext ctx, UserTaskRow task, ElementInstance instance);
  }

  /**
   * Runs a command on a task that is there: an ended (or unknown) task is not found, as in Camunda;
   * one whose listeners run (CREATING, ASSIGNING, ...) is in the wrong state for another command.
   */
  private Long onOpenTask(long userTaskKey, String verb, String command, TaskAction action) {
    RuntimeException notFound = Rejection.notFound(command,
        "Expected to %s user task with key '%d', but no such user task was found", verb, userTaskKey);
    UserTaskRow unlocked = tasks.find(userTaskKey).filter(t -> !t.isEnded()).orElseThrow(() -> notFound);
    return transactions.inTransaction(() -> transactions.onLockedInstance(unlocked.processInstanceKey(), ctx -> {
      UserTaskRow task = tasks.lock(userTaskKey).filter(t -> !t.isEnded()).orElseThrow(() -> notFound);
      ElementInstance instance = ctx.document.element(task.elementInstanceKey());
      if (instance == null || !Long.valueOf(userTaskKey).equals(instance.userTaskKey)) {
        throw notFound;
      }
      if (!UserTaskStore.CREATED.equals(task.state())) {
        throw Rejection.invalidState(command, "Expected to %s user task with key '%d', but it is in state '%s'",
            verb, userTaskKey, task.state());
      }
      if (instance.state != ElementState.ACTIVATED) {
        throw Rejection.invalidState(command, "Expected to %s user task with key '%d', but its element"
            + " instance is in state '%s'", verb, userTaskKey, instance.state);
      }
      return Optional.ofNullable(action.apply(ctx, task, instance));
    }).orElseThrow(() -> notFound)).orElse(null);
  }
}

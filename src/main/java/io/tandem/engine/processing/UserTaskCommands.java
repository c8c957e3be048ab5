package io.tandem.engine.processing;

import io.tandem.engine.state.ElementInstance;
import io.tandem.engine.state.ElementState;
import io.tandem.engine.store.UserTaskStore;
import io.tandem.engine.store.UserTaskStore.UserTaskRow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What people (through a tasklist) do with Camunda user tasks: assign, claim, unassign, update,
 * complete. Each runs under its process instance's lock; a task that is not open (completed,
 * canceled, never existed) is not found, as in Camunda, and a claim of a task someone else holds
 * is refused for its state.
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
  private final UserTaskBehavior behavior;

  public UserTaskCommands(InstanceTransactions transactions, UserTaskStore tasks, UserTaskBehavior behavior) {
    this.transactions = transactions;
    this.tasks = tasks;
    this.behavior = behavior;
  }

  /** Assigns the task; without {@code allowOverride} it is a claim, refused if someone else holds it. */
  public void assign(long userTaskKey, String assignee, boolean allowOverride, String action) {
    String command = allowOverride ? "ASSIGN" : "CLAIM";
    String verb = allowOverride ? "assign" : "claim";
    if (assignee == null || assignee.isBlank()) {
      throw Rejection.invalidArgument(command,
          "Expected to %s user task with key '%d' to an assignee, but none was given", verb, userTaskKey);
    }
    onOpenTask(userTaskKey, verb, command, (ctx, task, instance) -> {
      if (!allowOverride && task.assignee() != null && !task.assignee().equals(assignee)) {
        throw Rejection.invalidState(command,
            "Expected to claim user task with key '%d', but it has already been assigned", userTaskKey);
      }
      tasks.assign(userTaskKey, assignee);
      ctx.record("USER_TASK", "ASSIGNED", userTaskKey, task.elementId(), null, instance.key,
          Map.of("assignee", assignee, "action", action == null || action.isBlank() ? verb : action));
    });
  }

  public void unassign(long userTaskKey, String action) {
    onOpenTask(userTaskKey, "unassign", "ASSIGN", (ctx, task, instance) -> {
      tasks.assign(userTaskKey, null);
      ctx.record("USER_TASK", "ASSIGNED", userTaskKey, task.elementId(), null, instance.key,
          Map.of("assignee", "", "action", action == null || action.isBlank() ? "unassign" : action));
    });
  }

  public void update(long userTaskKey, Changes changes, String action) {
    if (changes.priority() != null && (changes.priority() < 0 || changes.priority() > 100)) {
      throw Rejection.invalidArgument("UPDATE",
          "Expected the priority of user task with key '%d' to be between 0 and 100, but was '%d'",
          userTaskKey, changes.priority());
    }
    onOpenTask(userTaskKey, "update", "UPDATE", (ctx, task, instance) -> {
      List<String> changed = new ArrayList<>();
      Map<String, Object> payload = new LinkedHashMap<>();
      if (changes.candidateGroups() != null) {
        changed.add("candidateGroupsList");
        payload.put("candidateGroups", changes.candidateGroups());
      }
      if (changes.candidateUsers() != null) {
        changed.add("candidateUsersList");
        payload.put("candidateUsers", changes.candidateUsers());
      }
      if (changes.dueDateSet()) {
        changed.add("dueDate");
        payload.put("dueDate", changes.dueDate() == null ? "" : changes.dueDate().toString());
      }
      if (changes.followUpDateSet()) {
        changed.add("followUpDate");
        payload.put("followUpDate", changes.followUpDate() == null ? "" : changes.followUpDate().toString());
      }
      if (changes.priority() != null) {
        changed.add("priority");
        payload.put("priority", changes.priority());
      }
      tasks.update(new UserTaskRow(task.key(), task.state(), task.elementId(), task.name(), task.assignee(),
          changes.candidateGroups() == null ? task.candidateGroups() : changes.candidateGroups(),
          changes.candidateUsers() == null ? task.candidateUsers() : changes.candidateUsers(),
          changes.dueDateSet() ? changes.dueDate() : task.dueDate(),
          changes.followUpDateSet() ? changes.followUpDate() : task.followUpDate(),
          changes.priority() == null ? task.priority() : changes.priority(), task.formKey(),
          task.externalFormReference(), task.customHeaders(), task.creationDate(), task.completionDate(),
          task.processInstanceKey(), task.elementInstanceKey(), task.processDefinitionKey(),
          task.bpmnProcessId(), task.processDefinitionVersion(), task.processName(), task.tenantId()));
      payload.put("changedAttributes", changed);
      payload.put("action", action == null || action.isBlank() ? "update" : action);
      ctx.record("USER_TASK", "UPDATED", userTaskKey, task.elementId(), null, instance.key, payload);
    });
  }

  public void complete(long userTaskKey, Map<String, Object> variables, String action) {
    onOpenTask(userTaskKey, "complete", "COMPLETE", (ctx, task, instance) ->
        behavior.complete(ctx, instance, variables, action == null || action.isBlank() ? "complete" : action));
  }

  @FunctionalInterface
  private interface TaskAction {
    void apply(ProcessingContext ctx, UserTaskRow task, ElementInstance instance);
  }

  private void onOpenTask(long userTaskKey, String verb, String command, TaskAction action) {
    RuntimeException notFound = Rejection.notFound(command,
        "Expected to %s user task with key '%d', but no such user task was found", verb, userTaskKey);
    UserTaskRow unlocked = tasks.find(userTaskKey).filter(UserTaskRow::isOpen).orElseThrow(() -> notFound);
    transactions.inTransaction(() -> transactions.onLockedInstance(unlocked.processInstanceKey(), ctx -> {
      UserTaskRow task = tasks.lock(userTaskKey).filter(UserTaskRow::isOpen).orElseThrow(() -> notFound);
      ElementInstance instance = ctx.document.element(task.elementInstanceKey());
      if (instance == null || !Long.valueOf(userTaskKey).equals(instance.userTaskKey)) {
        throw notFound;
      }
      if (instance.state != ElementState.ACTIVATED) {
        throw Rejection.invalidState(command, "Expected to %s user task with key '%d', but its element"
            + " instance is in state '%s'", verb, userTaskKey, instance.state);
      }
      action.apply(ctx, task, instance);
      return true;
    }).orElseThrow(() -> notFound));
  }
}

package io.tandem.engine.processing;

import io.tandem.engine.clock.EngineClock;
import io.tandem.engine.model.TaskListenerEventType;
import io.tandem.engine.state.ElementInstance;
import io.tandem.engine.state.InstanceDocument;
import io.tandem.engine.store.InstanceStore;
import io.tandem.engine.store.JobRow;
import io.tandem.engine.store.JobStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** What workers do with jobs: activate, complete, fail, throw errors; and retries and timeouts. */
public final class JobCommands {

  /** An activated job; a task listener's job has the event its listener reacts to, others null. */
  public record ActivatedJob(JobRow job, Map<String, Object> variables, TaskListenerEventType listenerEventType) {}

  private final InstanceTransactions transactions;
  private final GroupCommit commits;
  private final JobStore jobs;
  private final InstanceStore instances;
  private final ElementLifecycle lifecycle;
  private final ErrorEvents errors;
  private final EngineClock clock;
  private final EngineNotifications notifications;
  private final UserTaskTransitions userTasks;
  private final JobBehavior jobBehavior;

  JobCommands(InstanceTransactions transactions, GroupCommit commits, JobStore jobs, InstanceStore instances,
      ElementLifecycle lifecycle, ErrorEvents errors, EngineClock clock,
      EngineNotifications notifications, UserTaskTransitions userTasks, JobBehavior jobBehavior) {
    this.transactions = transactions;
    this.commits = commits;
    this.jobs = jobs;
    this.instances = instances;
    this.lifecycle = lifecycle;
    this.errors = errors;
    this.clock = clock;
    this.notifications = notifications;
    this.userTasks = userTasks;
    this.jobBehavior = jobBehavior;
  }

  /** Locks up to {@code max} jobs for a worker, with the variables their elements can see. */
  public List<ActivatedJob> activate(String type, String worker, Duration timeout, int max,
      Collection<String> fetchVariables, Collection<String> tenantIds) {
    return transactions.inTransaction(() -> {
      Instant now = clock.now();
      List<JobRow> activated = jobs.activate(type, tenantIds, max, worker, now, now.plus(timeout));
      Map<Long, InstanceDocument> documents =
          instances.readAll(activated.stream().map(JobRow::processInstanceKey).toList());
      List<ActivatedJob> result = new ArrayList<>();
      for (JobRow job : activated) {
        InstanceDocument document = documents.get(job.processInstanceKey());
        Map<String, Object> visible = document.visibleVariables(job.elementInstanceKey());
        if (fetchVariables != null && !fetchVariables.isEmpty()) {
          visible.keySet().retainAll(fetchVariables);
        }
        result.add(new ActivatedJob(job, visible, UserTaskTransitions.listenerEventOf(
            document.element(job.elementInstanceKey()), job.key())));
      }
      return result;
    });
  }

  /**
   * Hands activated jobs back at once, because the worker's request that took them is gone, and wakes
   * the activations waiting for their type: no job waits for its timeout behind a vanished worker.
   */
  public void release(String type, Collection<Long> jobKeys) {
    if (jobKeys.isEmpty()) {
      return;
    }
    jobs.release(jobKeys);
    notifications.jobsAvailable(type);
  }

  /** Completes a job without a result (no listener corrections or denial). */
  public void complete(long jobKey, Map<String, Object> variables) {
    complete(jobKey, variables, null);
  }

  /** Completes a job; a task listener's job may carry its listener's result. */
  public void complete(long jobKey, Map<String, Object> variables,
      UserTaskTransitions.ListenerResult listenerResult) {
    onJob(jobKey, "complete", "COMPLETE", (ctx, job, instance) -> {
      ctx.deleteJob(jobKey);
      ctx.record("JOB", "COMPLETED", jobKey, job.elementId(), null, instance.key, null);
      if (UserTaskTransitions.listenerEventOf(instance, jobKey) != null) {
        userTasks.listenerCompleted(ctx, job, instance, variables, listenerResult);
        return;
      }
      instance.jobKey = null;
      if (variables != null && !variables.isEmpty()) {
        if (ctx.process.element(instance.elementId).outputs().isEmpty()) {
          ctx.document.propagate(instance.key, new LinkedHashMap<>(variables));
        } else {
          ctx.document.setLocal(instance.key, new LinkedHashMap<>(variables));
        }
      }
      lifecycle.scheduleCompletion(ctx, instance);
    });
  }

  public void fail(long jobKey, int retries, String errorMessage, Duration backoff,
      Map<String, Object> variables) {
    onJob(jobKey, "fail", "FAIL", (ctx, job, instance) -> {
      if (variables != null && !variables.isEmpty()) {
        ctx.document.setLocal(instance.key, new LinkedHashMap<>(variables));
      }
      Instant activatableAt = ctx.now.plus(backoff == null ? Duration.ZERO : backoff);
      jobs.fail(jobKey, retries, errorMessage, ctx.now, activatableAt);
      Map<String, Object> payload = new LinkedHashMap<>();
      payload.put("retries", retries);
      payload.put("errorMessage", errorMessage == null ? "" : errorMessage);
      ctx.record("JOB", "FAILED", jobKey, job.elementId(), null, instance.key, payload);
      if (retries > 0) {
        if (!activatableAt.isAfter(ctx.now)) {
          jobBehavior.offer(ctx, job.failed(retries, errorMessage));
        }
      } else {
        String message = errorMessage == null || errorMessage.isBlank() ? "No more retries left." : errorMessage;
        lifecycle.raiseIncident(ctx, instance, UserTaskTransitions.listenerEventOf(instance, jobKey) == null
            ? IncidentType.JOB_NO_RETRIES : IncidentType.TASK_LISTENER_NO_RETRIES, message, jobKey, null);
      }
    });
  }

  public void throwError(long jobKey, String errorCode, String errorMessage, Map<String, Object> variables) {
    if (errorCode == null || errorCode.isBlank()) {
      throw Rejection.invalidArgument("THROW_ERROR", "Expected to throw an error with a non-empty error code");
    }
    onJob(jobKey, "throw an error for", "THROW_ERROR", (ctx, job, instance) -> {
      if (UserTaskTransitions.listenerEventOf(instance, jobKey) != null) {
        throw Rejection.invalidArgument("THROW_ERROR", "Expected to throw an error for job with key '%d',"
            + " but it is a task listener's job, which cannot throw BPMN errors", jobKey);
      }
      ctx.record("JOB", "ERROR_THROWN", jobKey, job.elementId(), null, instance.key,
          Map.of("errorCode", errorCode, "errorMessage", errorMessage == null ? "" : errorMessage));
      boolean caught = errors.throwError(ctx, instance, errorCode,
          variables == null ? Map.of() : new LinkedHashMap<>(variables));
      if (!caught) {
        jobs.markErrorThrown(jobKey, errorMessage);
        lifecycle.raiseIncident(ctx, instance, IncidentType.UNHANDLED_ERROR_EVENT,
            errors.unhandledMessage(ctx, instance, errorCode, errorMessage), jobKey, null);
      }
    });
  }

  public void updateRetries(long jobKey, int retries) {
    if (retries < 1) {
      throw Rejection.invalidArgument("UPDATE_RETRIES", "Expected to update retries for job with key"
          + " '%d' with a positive amount of retries, but the amount given was '%d'", jobKey, retries);
    }
    transactions.inTransaction(() -> {
      jobs.lock(jobKey).orElseThrow(() -> Rejection.notFound("UPDATE_RETRIES",
          "Expected to update retries for job with key '%d', but no such job was found", jobKey));
      jobs.updateRetries(jobKey, retries);
      return true;
    });
  }

  public void updateTimeout(long jobKey, Duration timeout) {
    transactions.inTransaction(() -> {
      JobRow job = jobs.lock(jobKey).orElseThrow(() -> Rejection.notFound("UPDATE_TIMEOUT",
          "Expected to update job with key '%d', but no such job was found", jobKey));
      if (!JobRow.ACTIVATED.equals(job.state())) {
        throw Rejection.invalidState("UPDATE_TIMEOUT",
            "Expected to update the timeout of job with key '%d', but it is not active", jobKey);
      }
      jobs.updateDeadline(jobKey, clock.now().plus(timeout));
      return true;
    });
  }

  @FunctionalInterface
  private interface JobAction {
    void apply(ProcessingContext ctx, JobRow job, ElementInstance instance);
  }

  /** Camunda accepts job commands for activatable and activated jobs; others are rejected. */
  private void onJob(long jobKey, String verb, String command, JobAction action) {
    Supplier<RuntimeException> notFound = () -> Rejection.notFound(command,
        "Expected to %s job with key '%d', but no such job was found", verb, jobKey);
    commits.execute(InstanceCommand.onJob(jobKey, notFound, (ctx, job) -> {
      if (!JobRow.ACTIVATABLE.equals(job.state()) && !JobRow.ACTIVATED.equals(job.state())) {
        throw Rejection.invalidState(command, "Expected to %s job with key '%d', but it is in state '%s'",
            verb, jobKey, job.state());
      }
      ElementInstance instance = ctx.document.element(job.elementInstanceKey());
      if (instance == null) {
        throw notFound.get();
      }
      action.apply(ctx, job, instance);
      return true;
    }));
  }
}

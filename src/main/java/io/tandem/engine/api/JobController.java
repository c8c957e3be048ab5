package io.tandem.engine.api;

import io.tandem.engine.ConditionalOnEngine;
import io.camunda.client.protocol.rest.ActivatedJobResult;
import io.camunda.client.protocol.rest.JobActivationRequest;
import io.camunda.client.protocol.rest.JobActivationResult;
import io.camunda.client.protocol.rest.JobCompletionRequest;
import io.camunda.client.protocol.rest.JobErrorRequest;
import io.camunda.client.protocol.rest.JobFailRequest;
import io.camunda.client.protocol.rest.JobKindEnum;
import io.camunda.client.protocol.rest.JobListenerEventTypeEnum;
import io.camunda.client.protocol.rest.JobResult;
import io.camunda.client.protocol.rest.JobResultCorrections;
import io.camunda.client.protocol.rest.JobResultUserTask;
import io.camunda.client.protocol.rest.JobUpdateRequest;
import io.camunda.client.protocol.rest.UserTaskProperties;
import io.tandem.engine.processing.Engine;
import io.tandem.engine.processing.JobCommands.ActivatedJob;
import io.tandem.engine.processing.UserTaskTransitions;
import io.tandem.engine.processing.UserTaskTransitions.Corrections;
import io.tandem.engine.processing.UserTaskTransitions.ListenerResult;
import io.tandem.engine.store.JobRow;
import io.tandem.engine.store.Json;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.async.DeferredResult;

/** Job activation with long polling, and the commands workers send about their jobs. */
@ConditionalOnEngine
@RestController
@RequestMapping("/v2/jobs")
class JobController {

  private static final Duration DEFAULT_LONG_POLL = Duration.ofSeconds(10);
  private final Engine engine;
  private final ExecutorService pollers = Executors.newFixedThreadPool(4, r -> {
    Thread thread = new Thread(r, "job-long-poll");
    thread.setDaemon(true);
    return thread;
  });

  JobController(Engine engine) {
    this.engine = engine;
  }

  @PostMapping("/activation")
  DeferredResult<JobActivationResult> activate(@RequestBody JobActivationRequest request) {
    if (request.getType() == null || request.getType().isBlank()) {
      throw new EngineProblems.InvalidRequest("Expected a job type to activate, but none was given");
    }
    int max = request.getMaxJobsToActivate() == null ? 32 : request.getMaxJobsToActivate();
    if (max < 1) {
      throw new EngineProblems.InvalidRequest("Expected maxJobsToActivate to be greater than 0, but was " + max);
    }
    Duration jobTimeout = Duration.ofMillis(request.getTimeout() == null ? 300_000 : request.getTimeout());
    List<String> tenants = request.getTenantIds() == null || request.getTenantIds().isEmpty()
        ? List.of(Keys.DEFAULT_TENANT) : request.getTenantIds();
    String worker = request.getWorker() == null ? "" : request.getWorker();
    long requestTimeout = request.getRequestTimeout() == null ? 0 : request.getRequestTimeout();
    Activation activation = () -> engine.jobs().activate(request.getType(), worker, jobTimeout, max,
        request.getFetchVariable(), tenants);

    // the client's HTTP timeout is the request timeout itself: answer a little before it
    long wait = requestTimeout <= 0 ? DEFAULT_LONG_POLL.toMillis()
        : requestTimeout - Math.min(1000, Math.max(50, requestTimeout / 10));
    DeferredResult<JobActivationResult> deferred = new DeferredResult<>(wait, new JobActivationResult().jobs(List.of()));
    // true while an activation runs; a wake-up meanwhile makes it look once more when it found nothing
    AtomicBoolean running = new AtomicBoolean(true);
    AtomicBoolean wokenWhileRunning = new AtomicBoolean();
    Runnable retry = new Runnable() {
      @Override
      public void run() {
        if (deferred.isSetOrExpired()) {
          return;
        }
        if (!running.compareAndSet(false, true)) {
          wokenWhileRunning.set(true);
          return;
        }
        wokenWhileRunning.set(false);
        pollers.execute(() -> {
          boolean found = false;
          try {
            if (deferred.isSetOrExpired()) {
              return;
            }
            List<ActivatedJob> jobs = activation.run();
            found = !jobs.isEmpty();
            if (found && !deferred.setResult(result(jobs))) {
              // the request ended meanwhile: hand the jobs back rather than let them time out
              engine.stores().jobs().release(jobs.stream().map(j -> j.job().key()).toList());
            }
          } finally {
            running.set(false);
          }
          if (!found && wokenWhileRunning.get()) {
            run();
          }
        });
      }
    };
    // listen before the first look, so jobs created during it are not missed, and look only once
    engine.notifications().onJobsAvailable(request.getType(), retry);
    deferred.onCompletion(() -> engine.notifications().removeJobWaiter(request.getType(), retry));
    List<ActivatedJob> jobs;
    try {
      jobs = activation.run();
    } catch (RuntimeException e) {
      engine.notifications().removeJobWaiter(request.getType(), retry);
      throw e;
    }
    if (!jobs.isEmpty() || requestTimeout < 0) {
      // running stays true: no wake-up may start a second activation for this request
      engine.notifications().removeJobWaiter(request.getType(), retry);
      deferred.setResult(result(jobs));
      return deferred;
    }
    running.set(false);
    if (wokenWhileRunning.get()) {
      retry.run();
    }
    return deferred;
  }

  @FunctionalInterface
  private interface Activation {
    List<ActivatedJob> run();
  }

  private static JobActivationResult result(List<ActivatedJob> jobs) {
    return new JobActivationResult().jobs(jobs.stream().map(JobController::activated).toList());
  }

  private static ActivatedJobResult activated(ActivatedJob activated) {
    JobRow job = activated.job();
    return new ActivatedJobResult()
        .jobKey(Keys.format(job.key()))
        .type(job.type())
        .processDefinitionId(job.bpmnProcessId())
        .processDefinitionVersion(job.version())
        .processDefinitionKey(Keys.format(job.processDefinitionKey()))
        .processInstanceKey(Keys.format(job.processInstanceKey()))
        .elementId(job.elementId())
        .elementInstanceKey(Keys.format(job.elementInstanceKey()))
        .customHeaders(job.customHeaders())
        .worker(job.worker())
        .retries(job.retries())
        .deadline(job.deadline() == null ? null : job.deadline().toEpochMilli())
        .variables(activated.variables())
        .tenantId(job.tenantId())
        .kind(activated.listenerEventType() == null ? JobKindEnum.BPMN_ELEMENT : JobKindEnum.TASK_LISTENER)
        .listenerEventType(activated.listenerEventType() == null ? JobListenerEventTypeEnum.UNSPECIFIED
            : JobListenerEventTypeEnum.fromValue(activated.listenerEventType().name()))
        .userTask(activated.listenerEventType() == null ? null : userTask(job.customHeaders()));
  }

  /** A task listener's view of its task, from the reserved headers of its job, as Camunda's gateway gives it. */
  private static UserTaskProperties userTask(Map<String, Object> headers) {
    return new UserTaskProperties()
        .action(header(headers, "action"))
        .assignee(header(headers, "assignee"))
        .candidateGroups(list(header(headers, "candidateGroups")))
        .candidateUsers(list(header(headers, "candidateUsers")))
        .changedAttributes(list(header(headers, "changedAttributes")))
        .dueDate(header(headers, "dueDate"))
        .followUpDate(header(headers, "followUpDate"))
        .formKey(header(headers, "formKey"))
        .priority(header(headers, "priority") == null ? null : Integer.valueOf(header(headers, "priority")))
        .userTaskKey(header(headers, "userTaskKey"));
  }

  private static String header(Map<String, Object> headers, String name) {
    Object value = headers.get(UserTaskTransitions.HEADER + name);
    return value == null ? null : value.toString();
  }

  private static List<String> list(String json) {
    return json == null ? List.of() : ((List<?>) Json.read(json, List.class)).stream().map(String::valueOf).toList();
  }

  @PostMapping("/{key}/completion")
  ResponseEntity<Void> complete(@PathVariable("key") String key,
      @RequestBody(required = false) JobCompletionRequest request) {
    engine.jobs().complete(Keys.parse(key, "jobKey"), request == null ? null : request.getVariables(),
        request == null ? null : listenerResult(request.getResult()));
    return ResponseEntity.noContent().build();
  }

  /** A user task listener's result: whether it denies the transition, and its corrections. */
  private static ListenerResult listenerResult(JobResult result) {
    if (!(result instanceof JobResultUserTask userTask)) {
      return null;
    }
    JobResultCorrections c = userTask.getCorrections();
    return new ListenerResult(Boolean.TRUE.equals(userTask.getDenied()), userTask.getDeniedReason(),
        c == null ? null : new Corrections(c.getAssignee(), c.getDueDate(), c.getFollowUpDate(),
            c.getCandidateUsers(), c.getCandidateGroups(), c.getPriority()));
  }

  @PostMapping("/{key}/failure")
  ResponseEntity<Void> fail(@PathVariable("key") String key,
      @RequestBody(required = false) JobFailRequest request) {
    JobFailRequest body = request == null ? new JobFailRequest() : request;
    engine.jobs().fail(Keys.parse(key, "jobKey"), body.getRetries() == null ? 0 : body.getRetries(),
        body.getErrorMessage(), Duration.ofMillis(body.getRetryBackOff() == null ? 0 : body.getRetryBackOff()),
        body.getVariables());
    return ResponseEntity.noContent().build();
  }

  @PostMapping("/{key}/error")
  ResponseEntity<Void> throwError(@PathVariable("key") String key, @RequestBody JobErrorRequest request) {
    engine.jobs().throwError(Keys.parse(key, "jobKey"), request.getErrorCode(),
        request.getErrorMessage(), request.getVariables());
    return ResponseEntity.noContent().build();
  }

  @PatchMapping("/{key}")
  ResponseEntity<Void> update(@PathVariable("key") String key, @RequestBody JobUpdateRequest request) {
    long jobKey = Keys.parse(key, "jobKey");
    var changeset = request.getChangeset();
    if (changeset == null || changeset.getRetries() == null && changeset.getTimeout() == null) {
      throw new EngineProblems.InvalidRequest("No update data provided: at least one of retries or timeout must be set");
    }
    if (changeset.getRetries() != null) {
      engine.jobs().updateRetries(jobKey, changeset.getRetries());
    }
    if (changeset.getTimeout() != null) {
      engine.jobs().updateTimeout(jobKey, Duration.ofMillis(changeset.getTimeout()));
    }
    return ResponseEntity.noContent().build();
  }
}

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
import io.tandem.engine.processing.UserTaskTransitions.Corrections;
import io.tandem.engine.processing.UserTaskTransitions.ListenerResult;
import io.tandem.engine.store.JobRow;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyEmitter;

/** Job activation with long polling, and the commands workers send about their jobs. */
@ConditionalOnEngine
@RestController
@RequestMapping("/v2/jobs")
class JobController {

  private static final long EMITTER_GRACE_MILLIS = 5_000;

  private final Engine engine;
  private final JobLongPolling longPolling;

  JobController(Engine engine, JobLongPolling longPolling) {
    this.engine = engine;
    this.longPolling = longPolling;
  }

  /**
   * Long polls answer through a response streamed by {@link RestJobAnswer}, which can tell a client that
   * has gone; a rejection is thrown before it starts, so it still becomes problem+json.
   */
  @PostMapping("/activation")
  ResponseEntity<ResponseBodyEmitter> activate(@RequestBody JobActivationRequest request) {
    long requestTimeout = request.getRequestTimeout() == null ? 0 : request.getRequestTimeout();
    var activation = new JobLongPolling.Request(request.getType(), request.getWorker(),
        Duration.ofMillis(request.getTimeout() == null ? 300_000 : request.getTimeout()),
        request.getMaxJobsToActivate() == null ? 32 : request.getMaxJobsToActivate(),
        request.getFetchVariable(), request.getTenantIds(), requestTimeout);
    // the poll answers (empty) when its wait ends; the emitter's own timeout is only a backstop
    ResponseBodyEmitter emitter = new ResponseBodyEmitter(
        JobLongPolling.waitFor(requestTimeout).toMillis() + EMITTER_GRACE_MILLIS);
    JobLongPolling.Poll poll = longPolling.activate(activation, new RestJobAnswer(emitter, JobController::result));
    emitter.onCompletion(poll::stop);
    emitter.onTimeout(poll::stop);
    emitter.onError(failure -> poll.stop());
    return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(emitter);
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

  private static UserTaskProperties userTask(Map<String, Object> headers) {
    ListenerTask task = ListenerTask.of(headers);
    return new UserTaskProperties()
        .action(task.action())
        .assignee(task.assignee())
        .candidateGroups(task.candidateGroups())
        .candidateUsers(task.candidateUsers())
        .changedAttributes(task.changedAttributes())
        .dueDate(task.dueDate())
        .followUpDate(task.followUpDate())
        .formKey(task.formKey())
        .priority(task.priority())
        .userTaskKey(task.userTaskKey());
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
      throw new InvalidRequest("No update data provided: at least one of retries or timeout must be set");
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

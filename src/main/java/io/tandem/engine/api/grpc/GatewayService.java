package io.tandem.engine.api.grpc;

import static io.tandem.engine.api.grpc.GatewayRequests.key;
import static io.tandem.engine.api.grpc.GatewayRequests.text;
import static io.tandem.engine.api.grpc.GatewayRequests.variables;

import io.camunda.zeebe.gateway.protocol.GatewayGrpc;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.StreamActivatedJobsRequest;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.ActivateJobsRequest;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.ActivateJobsResponse;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.CancelProcessInstanceRequest;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.CancelProcessInstanceResponse;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.CompleteJobRequest;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.CompleteJobResponse;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.CreateProcessInstanceRequest;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.CreateProcessInstanceResponse;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.CreateProcessInstanceWithResultRequest;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.CreateProcessInstanceWithResultResponse;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.DeployResourceRequest;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.DeployResourceResponse;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.EvaluateDecisionRequest;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.EvaluateDecisionResponse;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.FailJobRequest;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.FailJobResponse;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.PublishMessageRequest;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.PublishMessageResponse;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.ResolveIncidentRequest;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.ResolveIncidentResponse;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.SetVariablesRequest;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.SetVariablesResponse;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.ThrowErrorRequest;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.ThrowErrorResponse;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.TopologyRequest;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.TopologyResponse;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.UpdateJobRetriesRequest;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.UpdateJobRetriesResponse;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.UpdateJobTimeoutRequest;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.UpdateJobTimeoutResponse;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.tandem.engine.api.DecisionEvaluations;
import io.tandem.engine.api.InstanceResults;
import io.tandem.engine.api.InvalidRequest;
import io.tandem.engine.api.JobLongPolling;
import io.tandem.engine.api.Keys;
import io.tandem.engine.processing.JobStreams;
import io.tandem.engine.processing.Engine;
import io.tandem.engine.processing.JobCommands.ActivatedJob;
import io.tandem.engine.processing.ProcessInstanceCommands.CreatedInstance;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The Zeebe gateway's gRPC service over the embedded engine, making the same engine calls as the REST
 * controllers. What the engine can't do (modification, migration, signals, resource deletion) is not
 * overridden, so it answers UNIMPLEMENTED.
 */
final class GatewayService extends GatewayGrpc.GatewayImplBase {

  private final Engine engine;
  private final JobLongPolling longPolling;
  private final DecisionEvaluations decisions;

  GatewayService(Engine engine, JobLongPolling longPolling, DecisionEvaluations decisions) {
    this.engine = engine;
    this.longPolling = longPolling;
    this.decisions = decisions;
  }

  @Override
  public void topology(TopologyRequest request, StreamObserver<TopologyResponse> observer) {
    answer(observer, GatewayResponses::topology);
  }

  @Override
  public void deployResource(DeployResourceRequest request, StreamObserver<DeployResourceResponse> observer) {
    answer(observer, () -> GatewayResponses.deployment(engine.deployments().deploy(
        GatewayRequests.resources(request.getResourcesList()), Keys.tenant(request.getTenantId()))));
  }

  @Override
  public void createProcessInstance(CreateProcessInstanceRequest request,
      StreamObserver<CreateProcessInstanceResponse> observer) {
    answer(observer, () -> GatewayResponses.created(create(request, false)));
  }

  @Override
  public void createProcessInstanceWithResult(CreateProcessInstanceWithResultRequest request,
      StreamObserver<CreateProcessInstanceWithResultResponse> observer) {
    CreatedInstance created;
    try {
      created = create(request.getRequest(), true);
    } catch (RuntimeException e) {
      observer.onError(GatewayErrors.status(e));
      return;
    }
    InstanceResults.await(engine, created, request.getRequestTimeout(), request.getFetchVariablesList())
        .whenComplete((variables, failure) -> {
          if (failure != null) {
            observer.onError(GatewayErrors.status(failure));
          } else {
            observer.onNext(GatewayResponses.ended(created, variables));
            observer.onCompleted();
          }
        });
  }

  private CreatedInstance create(CreateProcessInstanceRequest request, boolean awaitEnd) {
    if (request.getStartInstructionsCount() > 0 || request.getRuntimeInstructionsCount() > 0) {
      throw new InvalidRequest("Expected no start or runtime instructions: the embedded engine starts an"
          + " instance at its none start event only");
    }
    var process = engine.instances().resolve(key(request.getProcessDefinitionKey()),
        text(request.getBpmnProcessId()), request.getVersion(), Keys.tenant(request.getTenantId()));
    return engine.instances().create(process, variables(request.getVariables()), awaitEnd);
  }

  @Override
  public void cancelProcessInstance(CancelProcessInstanceRequest request,
      StreamObserver<CancelProcessInstanceResponse> observer) {
    answer(observer, () -> {
      engine.instances().cancel(request.getProcessInstanceKey());
      return CancelProcessInstanceResponse.getDefaultInstance();
    });
  }

  @Override
  public void activateJobs(ActivateJobsRequest request, StreamObserver<ActivateJobsResponse> observer) {
    var call = (ServerCallStreamObserver<ActivateJobsResponse>) observer;
    AtomicReference<JobLongPolling.Poll> poll = new AtomicReference<>();
    // set before the first answer can be sent; a poll not yet known when the client cancels ends at its wait
    call.setOnCancelHandler(() -> {
      JobLongPolling.Poll started = poll.get();
      if (started != null) {
        started.stop();
      }
    });
    try {
      if (request.getTimeout() < 1) {
        throw new InvalidRequest("Expected the job timeout to be greater than 0, but was " + request.getTimeout());
      }
      var activation = new JobLongPolling.Request(request.getType(), request.getWorker(),
          Duration.ofMillis(request.getTimeout()), request.getMaxJobsToActivate(), request.getFetchVariableList(),
          request.getTenantIdsList(), request.getRequestTimeout());
      poll.set(longPolling.activate(activation, new PolledJobs(call)));
    } catch (RuntimeException e) {
      call.onError(GatewayErrors.status(e));
    }
  }

  /**
   * An activation's end of a long poll: one answer, the jobs if any, then the end of the stream; false if
   * the client is gone. Netty sees a vanished client's connection close and cancels its calls.
   */
  private record PolledJobs(ServerCallStreamObserver<ActivateJobsResponse> call) implements JobLongPolling.Answer {

    @Override
    public boolean send(List<ActivatedJob> jobs) {
      if (call.isCancelled()) {
        return false;
      }
      if (!jobs.isEmpty()) {
        call.onNext(GatewayResponses.activated(jobs));
      }
      call.onCompleted();
      return true;
    }

    @Override
    public boolean alive() {
      return !call.isCancelled();
    }
  }

  /**
   * Opens a job stream: jobs of the type that become activatable while it is open are activated for
   * it and pushed as they come (see {@link JobStreams}), until the client cancels the call.
   */
  @Override
  public void streamActivatedJobs(StreamActivatedJobsRequest request,
      StreamObserver<GatewayOuterClass.ActivatedJob> observer) {
    var call = (ServerCallStreamObserver<GatewayOuterClass.ActivatedJob>) observer;
    AtomicReference<Runnable> close = new AtomicReference<>(() -> { });
    call.setOnCancelHandler(() -> close.get().run());
    try {
      if (request.getType().isBlank()) {
        throw new InvalidRequest("Expected a job type to stream, but none was given");
      }
      if (request.getTimeout() < 1) {
        throw new InvalidRequest("Expected the job timeout to be greater than 0, but was " + request.getTimeout());
      }
      List<String> tenants = request.getTenantIdsList().isEmpty()
          ? List.of(Keys.DEFAULT_TENANT) : request.getTenantIdsList();
      var stream = new JobStreams.JobStream(request.getType(), request.getWorker(),
          Duration.ofMillis(request.getTimeout()), List.copyOf(request.getFetchVariableList()),
          Set.copyOf(tenants), new StreamedJobs(call));
      close.set(engine.jobStreams().open(stream));
      if (call.isCancelled()) {
        close.get().run();
      }
    } catch (RuntimeException e) {
      call.onError(GatewayErrors.status(e));
    }
  }

  /** A stream's call as the engine pushes to it: one job at a time, as gRPC requires. */
  private record StreamedJobs(ServerCallStreamObserver<GatewayOuterClass.ActivatedJob> call)
      implements JobStreams.Consumer {

    @Override
    public boolean isReady() {
      return !call.isCancelled() && call.isReady();
    }

    @Override
    public boolean push(ActivatedJob job) {
      synchronized (call) {
        if (call.isCancelled()) {
          return false;
        }
        call.onNext(GatewayResponses.job(job));
        return true;
      }
    }
  }

  @Override
  public void completeJob(CompleteJobRequest request, StreamObserver<CompleteJobResponse> observer) {
    answer(observer, () -> {
      engine.jobs().complete(request.getJobKey(), variables(request.getVariables()),
          GatewayRequests.listenerResult(request));
      return CompleteJobResponse.getDefaultInstance();
    });
  }

  @Override
  public void failJob(FailJobRequest request, StreamObserver<FailJobResponse> observer) {
    answer(observer, () -> {
      engine.jobs().fail(request.getJobKey(), request.getRetries(), text(request.getErrorMessage()),
          Duration.ofMillis(request.getRetryBackOff()), variables(request.getVariables()));
      return FailJobResponse.getDefaultInstance();
    });
  }

  @Override
  public void throwError(ThrowErrorRequest request, StreamObserver<ThrowErrorResponse> observer) {
    answer(observer, () -> {
      engine.jobs().throwError(request.getJobKey(), request.getErrorCode(), text(request.getErrorMessage()),
          variables(request.getVariables()));
      return ThrowErrorResponse.getDefaultInstance();
    });
  }

  @Override
  public void updateJobRetries(UpdateJobRetriesRequest request, StreamObserver<UpdateJobRetriesResponse> observer) {
    answer(observer, () -> {
      engine.jobs().updateRetries(request.getJobKey(), request.getRetries());
      return UpdateJobRetriesResponse.getDefaultInstance();
    });
  }

  @Override
  public void updateJobTimeout(UpdateJobTimeoutRequest request, StreamObserver<UpdateJobTimeoutResponse> observer) {
    answer(observer, () -> {
      engine.jobs().updateTimeout(request.getJobKey(), Duration.ofMillis(request.getTimeout()));
      return UpdateJobTimeoutResponse.getDefaultInstance();
    });
  }

  @Override
  public void publishMessage(PublishMessageRequest request, StreamObserver<PublishMessageResponse> observer) {
    answer(observer, () -> {
      if (request.getTimeToLive() < 0) {
        throw new InvalidRequest("The message's timeToLive must not be negative, but was " + request.getTimeToLive());
      }
      String tenant = Keys.tenant(request.getTenantId());
      long key = engine.messages().publish(request.getName(), request.getCorrelationKey(),
          Duration.ofMillis(request.getTimeToLive()), text(request.getMessageId()), variables(request.getVariables()),
          tenant);
      return PublishMessageResponse.newBuilder().setKey(key).setTenantId(tenant).build();
    });
  }

  @Override
  public void resolveIncident(ResolveIncidentRequest request, StreamObserver<ResolveIncidentResponse> observer) {
    answer(observer, () -> {
      engine.incidents().resolve(request.getIncidentKey());
      return ResolveIncidentResponse.getDefaultInstance();
    });
  }

  @Override
  public void setVariables(SetVariablesRequest request, StreamObserver<SetVariablesResponse> observer) {
    answer(observer, () -> {
      var document = variables(request.getVariables());
      if (document == null) {
        throw new InvalidRequest("Expected variables to be a JSON object, but none were given");
      }
      long key = engine.instances().setVariables(request.getElementInstanceKey(), document, request.getLocal());
      return SetVariablesResponse.newBuilder().setKey(key).build();
    });
  }

  @Override
  public void evaluateDecision(EvaluateDecisionRequest request, StreamObserver<EvaluateDecisionResponse> observer) {
    answer(observer, () -> GatewayResponses.evaluated(decisions.evaluate(key(request.getDecisionKey()),
        text(request.getDecisionId()), request.getTenantId(), variables(request.getVariables())), decisions));
  }

  /** Runs a unary command: its response, or its failure as the gateway's status. */
  private static <T> void answer(StreamObserver<T> observer, Supplier<T> command) {
    T response;
    try {
      response = command.get();
    } catch (RuntimeException e) {
      observer.onError(GatewayErrors.status(e));
      return;
    }
    observer.onNext(response);
    observer.onCompleted();
  }
}

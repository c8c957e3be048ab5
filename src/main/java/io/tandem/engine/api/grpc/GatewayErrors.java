package io.tandem.engine.api.grpc;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.tandem.engine.api.InstanceResults;
import io.tandem.engine.api.InvalidRequest;
import io.tandem.engine.api.RejectionDetail;
import io.tandem.engine.processing.Rejection;
import io.tandem.engine.processing.Rejection.RejectedCommand;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Failures as the Zeebe gateway reports them: rejections by type, bad requests, timeouts; the rest is a bug. */
final class GatewayErrors {

  private static final Logger LOG = LoggerFactory.getLogger(GatewayErrors.class);

  private GatewayErrors() {}

  static StatusRuntimeException status(Throwable failure) {
    Throwable cause = failure;
    while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
      cause = cause.getCause();
    }
    if (cause instanceof RejectedCommand rejected) {
      return status(rejected.rejection());
    }
    if (cause instanceof InvalidRequest) {
      return Status.INVALID_ARGUMENT.withDescription(cause.getMessage()).asRuntimeException();
    }
    if (cause instanceof InstanceResults.NotEndedInTime) {
      return Status.DEADLINE_EXCEEDED.withDescription(cause.getMessage()).asRuntimeException();
    }
    if (cause instanceof StatusRuntimeException status) {
      return status;
    }
    LOG.error("Engine gRPC request failed unexpectedly", cause);
    return Status.INTERNAL.withDescription("Unexpected error: " + cause.getMessage()).asRuntimeException();
  }

  static StatusRuntimeException status(Rejection rejection) {
    Status status = switch (rejection.type()) {
      case NOT_FOUND -> Status.NOT_FOUND;
      case INVALID_STATE -> Status.FAILED_PRECONDITION;
      case INVALID_ARGUMENT -> Status.INVALID_ARGUMENT;
      case ALREADY_EXISTS -> Status.ALREADY_EXISTS;
    };
    return status.withDescription(RejectionDetail.of(rejection)).asRuntimeException();
  }
}

package io.tandem.engine.api;

import io.tandem.engine.processing.Engine;
import io.tandem.engine.processing.ProcessInstanceCommands.CreatedInstance;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** "Create with result": the root variables of a created instance once it ends, for REST and gRPC alike. */
public final class InstanceResults {

  private static final Duration DEFAULT_WAIT = Duration.ofSeconds(10);

  /** The instance did not end within the request's timeout (it goes on): Camunda's DEADLINE_EXCEEDED. */
  public static final class NotEndedInTime extends RuntimeException {
    NotEndedInTime(long processInstanceKey, Duration timeout) {
      super("Expected to complete process instance '%d' within %s, but it did not"
          .formatted(processInstanceKey, timeout), null, false, false);
    }
  }

  private InstanceResults() {}

  /**
   * Completes with the instance's root variables (only {@code fetchVariables}, when given) when it ends,
   * or fails with {@link NotEndedInTime} after {@code requestTimeoutMillis} (0 or less: the default wait).
   * The instance must have been created awaiting its end.
   */
  public static CompletableFuture<Map<String, Object>> await(Engine engine, CreatedInstance created,
      long requestTimeoutMillis, List<String> fetchVariables) {
    Duration timeout = requestTimeoutMillis <= 0 ? DEFAULT_WAIT : Duration.ofMillis(requestTimeoutMillis);
    return created.ended().orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
        .handle((document, failure) -> {
          engine.notifications().stopAwaiting(created.processInstanceKey());
          if (failure instanceof TimeoutException || failure != null && failure.getCause() instanceof TimeoutException) {
            throw new NotEndedInTime(created.processInstanceKey(), timeout);
          }
          if (failure != null) {
            throw failure instanceof RuntimeException e ? e : new IllegalStateException(failure);
          }
          Map<String, Object> variables = document.localVariables(document.key);
          if (fetchVariables != null && !fetchVariables.isEmpty()) {
            variables.keySet().retainAll(fetchVariables);
          }
          return variables;
        });
  }
}

package io.tandem.engine.processing;

import io.tandem.engine.processing.JobCommands.ActivatedJob;
import io.tandem.engine.store.JobRow;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Open job streams (the gateway's StreamActivatedJobs). A job that becomes activatable while a
 * stream of its type is open is activated for that stream inside the transaction that made it
 * activatable and pushed after commit, so it skips the poll and its transaction. As in Zeebe, a job
 * the stream can no longer take is handed back (made activatable for pollers), and jobs that became
 * activatable before a stream opened, or through a timeout or an ended backoff, are left to polling:
 * the client's streaming worker polls beside its stream for them.
 */
public final class JobStreams {

  /** The transport's end of a stream. */
  public interface Consumer {
    /** Whether the stream can take a job now: still open and not behind on flow control. */
    boolean isReady();

    /** Hands over an activated job; false when the stream is gone and the job must go back. */
    boolean push(ActivatedJob job);
  }

  /** What a stream asked for: jobs of a type and tenants, activated for a worker and timeout. */
  public record JobStream(String type, String worker, Duration timeout, Collection<String> fetchVariables,
      Set<String> tenantIds, Consumer consumer) {

    Map<String, Object> fetched(Map<String, Object> visible) {
      if (fetchVariables != null && !fetchVariables.isEmpty()) {
        visible.keySet().retainAll(fetchVariables);
      }
      return visible;
    }
  }

  private final Map<String, List<JobStream>> streamsByType = new ConcurrentHashMap<>();
  private final AtomicInteger nextTurn = new AtomicInteger();

  /** Opens a stream; run the returned action when it closes. */
  public Runnable open(JobStream stream) {
    streamsByType.computeIfAbsent(stream.type(), t -> new CopyOnWriteArrayList<>()).add(stream);
    return () -> streamsByType.computeIfPresent(stream.type(), (type, streams) -> {
      streams.remove(stream);
      return streams.isEmpty() ? null : streams;
    });
  }

  /** How many streams of a job type are open. */
  public int count(String type) {
    List<JobStream> streams = streamsByType.get(type);
    return streams == null ? 0 : streams.size();
  }

  /** A ready stream for a job of this type and tenant, taken in turn; empty when there is none. */
  Optional<JobStream> pick(String type, String tenantId) {
    List<JobStream> streams = streamsByType.get(type);
    if (streams == null) {
      return Optional.empty();
    }
    int size = streams.size();
    int start = Math.floorMod(nextTurn.getAndIncrement(), Math.max(1, size));
    for (int i = 0; i < size; i++) {
      JobStream stream;
      try {
        stream = streams.get((start + i) % size);
      } catch (IndexOutOfBoundsException closedMeanwhile) {
        break;
      }
      if (stream.tenantIds().contains(tenantId) && stream.consumer().isReady()) {
        return Optional.of(stream);
      }
    }
    return Optional.empty();
  }

  /** A job activated for a stream in a transaction, to be pushed after its commit. */
  record StreamedJob(JobStream stream, JobRow job) {}
}

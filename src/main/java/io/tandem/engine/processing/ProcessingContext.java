package io.tandem.engine.processing;

import io.tandem.engine.model.ExecutableProcess;
import io.tandem.engine.state.InstanceDocument;
import io.tandem.engine.store.EngineRecord;
import io.tandem.engine.store.JobRow;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One command's work on one process instance, inside one transaction: the locked document, the
 * records it produces, and the queue of follow-up steps run until the instance waits again.
 */
public final class ProcessingContext {

  private static final int MAX_STEPS = 100_000;

  public final InstanceDocument document;
  public final ExecutableProcess process;
  public final Instant now;
  final List<EngineRecord> records = new ArrayList<>();
  final Set<String> createdJobTypes = new HashSet<>();
  final List<JobStreams.StreamedJob> streamedJobs = new ArrayList<>();
  /** Jobs this command created and deleted: written with its document, in one statement. */
  final Map<Long, JobRow> createdJobs = new LinkedHashMap<>();
  final List<Long> deletedJobs = new ArrayList<>();
  private final Deque<Runnable> steps = new ArrayDeque<>();

  ProcessingContext(InstanceDocument document, ExecutableProcess process, Instant now) {
    this.document = document;
    this.process = process;
    this.now = now;
  }

  public void schedule(Runnable step) {
    steps.addLast(step);
  }

  /** Runs follow-up steps in order (breadth first, as Zeebe does) until none is left. */
  void drain() {
    int count = 0;
    Runnable step;
    while ((step = steps.pollFirst()) != null) {
      if (++count > MAX_STEPS) {
        throw new IllegalStateException("process instance " + document.key
            + " did not reach a wait state within " + MAX_STEPS + " steps (an endless loop?)");
      }
      step.run();
    }
  }

  public void record(String valueType, String intent, long key, String elementId,
      String elementType, Long flowScopeKey, Map<String, Object> payload) {
    records.add(new EngineRecord(valueType, intent, key, elementId, elementType, flowScopeKey, payload));
  }

  void createJob(JobRow job) {
    createdJobs.put(job.key(), job);
  }

  /** Deletes a job; one created by this same command is simply not written. */
  void deleteJob(long key) {
    if (createdJobs.remove(key) == null) {
      deletedJobs.add(key);
    }
  }

  /** A job became activatable: pollers of its type are woken after commit. */
  public void jobCreated(String type) {
    createdJobTypes.add(type);
  }

  /** A job was activated for a stream: it is pushed after commit. */
  void jobStreamed(JobStreams.StreamedJob job) {
    streamedJobs.add(job);
  }

  public long nowMillis() {
    return now.toEpochMilli();
  }
}

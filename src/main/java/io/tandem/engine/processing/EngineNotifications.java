package io.tandem.engine.processing;

import io.tandem.engine.state.InstanceDocument;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * In-process wake-ups after a commit: long-polling job activations wait for jobs of their type,
 * "create with result" callers wait for their instance to end. The database stays the truth;
 * a waiter re-reads it when woken, so a lost wake-up costs latency, never correctness.
 */
public final class EngineNotifications {

  private final Map<String, List<Runnable>> jobWaiters = new ConcurrentHashMap<>();
  private final Map<Long, CompletableFuture<InstanceDocument>> endWaiters = new ConcurrentHashMap<>();

  public void onJobsAvailable(String type, Runnable waiter) {
    jobWaiters.computeIfAbsent(type, t -> new CopyOnWriteArrayList<>()).add(waiter);
  }

  public void removeJobWaiter(String type, Runnable waiter) {
    List<Runnable> waiters = jobWaiters.get(type);
    if (waiters != null) {
      waiters.remove(waiter);
    }
  }

  public void jobsAvailable(String type) {
    List<Runnable> waiters = jobWaiters.get(type);
    if (waiters != null) {
      for (Runnable waiter : waiters) {
        waiter.run();
      }
    }
  }

  public CompletableFuture<InstanceDocument> awaitEnd(long processInstanceKey) {
    return endWaiters.computeIfAbsent(processInstanceKey, k -> new CompletableFuture<>());
  }

  public void stopAwaiting(long processInstanceKey) {
    endWaiters.remove(processInstanceKey);
  }

  void instanceEnded(InstanceDocument document) {
    CompletableFuture<InstanceDocument> waiter = endWaiters.remove(document.key);
    if (waiter != null) {
      waiter.complete(document);
    }
  }
}

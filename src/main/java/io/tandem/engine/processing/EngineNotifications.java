package io.tandem.engine.processing;

import io.tandem.engine.state.InstanceDocument;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * In-process wake-ups after a commit: long-polling job activations wait for jobs of their type,
 * "create with result" callers wait for their instance to end, user task commands for the
 * task listeners of their transition. The database stays the truth;
 * a waiter re-reads it when woken, so a lost wake-up costs latency, never correctness.
 */
public final class EngineNotifications {

  private final Map<String, List<Runnable>> jobWaiters = new ConcurrentHashMap<>();
  private final Map<Long, CompletableFuture<InstanceDocument>> endWaiters = new ConcurrentHashMap<>();
  private final Map<Long, List<Runnable>> transitionWaiters = new ConcurrentHashMap<>();
  private final AtomicInteger nextWaiter = new AtomicInteger();

  public void onJobsAvailable(String type, Runnable waiter) {
    jobWaiters.computeIfAbsent(type, t -> new CopyOnWriteArrayList<>()).add(waiter);
  }

  public void removeJobWaiter(String type, Runnable waiter) {
    List<Runnable> waiters = jobWaiters.get(type);
    if (waiters != null) {
      waiters.remove(waiter);
    }
  }

  /**
   * Wakes one waiting activation for the type, in turn: it takes as many jobs as it may, so
   * waking every waiter would mostly run empty activations. A woken waiter that finds nothing keeps
   * waiting; its request's timeout bounds the cost of a wake-up that went to the wrong one.
   */
  public void jobsAvailable(String type) {
    List<Runnable> waiters = jobWaiters.get(type);
    if (waiters == null || waiters.isEmpty()) {
      return;
    }
    int turn = Math.floorMod(nextWaiter.getAndIncrement(), Math.max(1, waiters.size()));
    try {
      waiters.get(turn).run();
    } catch (IndexOutOfBoundsException removedMeanwhile) {
      waiters.stream().findFirst().ifPresent(Runnable::run);
    }
  }

  /** Wakes every waiting activation of the type (timeouts and backoffs, which are rare). */
  public void allJobsAvailable(String type) {
    List<Runnable> waiters = jobWaiters.get(type);
    if (waiters != null) {
      waiters.forEach(Runnable::run);
    }
  }

  /** Calls the waiter when a user task transition that waited for task listeners ended. */
  public void onUserTaskTransitionEnded(long userTaskKey, Runnable waiter) {
    transitionWaiters.computeIfAbsent(userTaskKey, k -> new CopyOnWriteArrayList<>()).add(waiter);
  }

  public void removeUserTaskTransitionWaiter(long userTaskKey, Runnable waiter) {
    transitionWaiters.computeIfPresent(userTaskKey, (k, waiters) -> {
      waiters.remove(waiter);
      return waiters.isEmpty() ? null : waiters;
    });
  }

  void userTaskTransitionEnded(long userTaskKey) {
    List<Runnable> waiters = transitionWaiters.get(userTaskKey);
    if (waiters != null) {
      waiters.forEach(Runnable::run);
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

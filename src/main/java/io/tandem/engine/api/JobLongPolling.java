package io.tandem.engine.api;

import io.tandem.engine.ConditionalOnEngine;
import io.tandem.engine.processing.Engine;
import io.tandem.engine.processing.JobCommands.ActivatedJob;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Job activation with long polling, for REST and gRPC alike: one look at once; when it finds nothing,
 * another look each time a new job of the type wakes the poll, until one finds jobs or the wait ends
 * (then the answer is empty). The caller gets one answer; jobs found for a caller that is gone are
 * handed back at once rather than left to time out. A waiting poll asks its caller every
 * {@link #KEEP_ALIVE} whether it is still there, so a worker that vanished mid-poll (a killed process
 * whose connection the server has not noticed) stops being handed jobs.
 */
@ConditionalOnEngine
@Component
public final class JobLongPolling implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(JobLongPolling.class);
  private static final Duration DEFAULT_WAIT = Duration.ofSeconds(10);
  /** How often a waiting poll checks that its caller is still there. */
  static final Duration KEEP_ALIVE = Duration.ofMillis(250);

  /**
   * What to activate, as Camunda's activation request says it. {@code requestTimeoutMillis}: 0 waits the
   * default time, a negative value answers at once, even with no jobs.
   */
  public record Request(String type, String worker, Duration jobTimeout, int maxJobs,
      List<String> fetchVariables, List<String> tenantIds, long requestTimeoutMillis) {

    public Request {
      if (type == null || type.isBlank()) {
        throw new InvalidRequest("Expected a job type to activate, but none was given");
      }
      if (maxJobs < 1) {
        throw new InvalidRequest("Expected maxJobsToActivate to be greater than 0, but was " + maxJobs);
      }
      worker = worker == null ? "" : worker;
      tenantIds = tenantIds == null || tenantIds.isEmpty() ? List.of(Keys.DEFAULT_TENANT) : tenantIds;
    }
  }

  /** The caller's end of a poll: takes the jobs (maybe none), once; false if it could not pass them on. */
  @FunctionalInterface
  public interface Answer {
    boolean send(List<ActivatedJob> jobs);

    /** Whether the caller is still there, asked while the poll waits (REST writes a byte to find out). */
    default boolean alive() {
      return true;
    }
  }

  /** A poll in progress; stopped when its caller goes away. */
  @FunctionalInterface
  public interface Poll {
    void stop();
  }

  private final Engine engine;
  private final ExecutorService pollers = Executors.newFixedThreadPool(4, r -> {
    Thread thread = new Thread(r, "job-long-poll");
    thread.setDaemon(true);
    return thread;
  });
  private final ScheduledExecutorService keepAlive = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread thread = new Thread(r, "job-long-poll-keep-alive");
    thread.setDaemon(true);
    return thread;
  });

  public JobLongPolling(Engine engine) {
    this.engine = engine;
  }

  /** How long a poll waits for jobs: the client's HTTP timeout is the request timeout itself, so a little less. */
  public static Duration waitFor(long requestTimeoutMillis) {
    return requestTimeoutMillis <= 0 ? DEFAULT_WAIT
        : Duration.ofMillis(requestTimeoutMillis - Math.min(1000, Math.max(50, requestTimeoutMillis / 10)));
  }

  /** Looks for jobs in the calling thread (a rejection is thrown from here); later looks run in the background. */
  public Poll activate(Request request, Answer answer) {
    CompletableFuture<List<ActivatedJob>> answered = new CompletableFuture<>();
    Waiter waiter = new Waiter(request, answered);
    // listen before the first look, so jobs created during it are not missed, and look only once
    engine.notifications().onJobsAvailable(request.type(), waiter);
    answered.whenComplete((jobs, failure) -> engine.notifications().removeJobWaiter(request.type(), waiter));
    answered.thenAccept(jobs -> {
      if (!deliver(answer, jobs)) {
        release(jobs);
      }
    });
    List<ActivatedJob> jobs;
    try {
      jobs = waiter.look();
    } catch (RuntimeException e) {
      answered.cancel(false);
      throw e;
    }
    if (!jobs.isEmpty() || request.requestTimeoutMillis() < 0) {
      // the waiter stays running: no wake-up may start a second activation for this request
      answered.complete(jobs);
      return () -> {};
    }
    answered.completeOnTimeout(List.of(), waitFor(request.requestTimeoutMillis()).toMillis(), TimeUnit.MILLISECONDS);
    ScheduledFuture<?> checks = keepAlive.scheduleWithFixedDelay(() -> {
      if (!answered.isDone() && !stillThere(answer)) {
        answered.cancel(false);
      }
    }, KEEP_ALIVE.toMillis(), KEEP_ALIVE.toMillis(), TimeUnit.MILLISECONDS);
    answered.whenComplete((found, failure) -> checks.cancel(false));
    waiter.idle();
    return () -> answered.cancel(false);
  }

  private static boolean deliver(Answer answer, List<ActivatedJob> jobs) {
    try {
      return answer.send(jobs);
    } catch (RuntimeException e) {
      LOG.warn("Could not answer a job activation; its {} jobs go back", jobs.size(), e);
      return false;
    }
  }

  private static boolean stillThere(Answer answer) {
    try {
      return answer.alive();
    } catch (RuntimeException e) {
      return false;
    }
  }

  private void release(List<ActivatedJob> jobs) {
    if (!jobs.isEmpty()) {
      engine.jobs().release(jobs.get(0).job().type(), jobs.stream().map(j -> j.job().key()).toList());
    }
  }

  @Override
  public void close() {
    keepAlive.shutdownNow();
    pollers.shutdownNow();
  }

  /** Woken by new jobs of its type; one look at a time, and one more if woken while looking. */
  private final class Waiter implements Runnable {

    private final Request request;
    private final CompletableFuture<List<ActivatedJob>> answered;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicBoolean wokenWhileRunning = new AtomicBoolean();

    Waiter(Request request, CompletableFuture<List<ActivatedJob>> answered) {
      this.request = request;
      this.answered = answered;
    }

    List<ActivatedJob> look() {
      return engine.jobs().activate(request.type(), request.worker(), request.jobTimeout(), request.maxJobs(),
          request.fetchVariables(), request.tenantIds());
    }

    /** The first look found nothing: from now on wake-ups may look. */
    void idle() {
      running.set(false);
      if (wokenWhileRunning.get()) {
        run();
      }
    }

    @Override
    public void run() {
      if (answered.isDone()) {
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
          if (answered.isDone()) {
            return;
          }
          List<ActivatedJob> jobs = look();
          found = !jobs.isEmpty();
          if (found && !answered.complete(jobs)) {
            // the wait ended meanwhile
            release(jobs);
          }
        } catch (RuntimeException e) {
          LOG.warn("A long-polling activation of jobs of type '{}' failed; it waits on", request.type(), e);
        } finally {
          running.set(false);
        }
        if (!found && wokenWhileRunning.get()) {
          run();
        }
      });
    }
  }
}

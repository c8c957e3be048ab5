package io.tandem.engine.scheduler;

import io.tandem.engine.clock.EngineClock;
import io.tandem.engine.processing.EngineNotifications;
import io.tandem.engine.processing.TimerCommands;
import io.tandem.engine.store.JobStore;
import io.tandem.engine.store.MessageStore;
import io.tandem.engine.store.TimerStore;
import io.tandem.engine.store.TimerStore.TimerRow;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Polls the database for time-driven work, with the engine's clock: due timers, jobs whose
 * activation timed out, jobs whose retry backoff ended, expired messages. Several nodes may poll
 * at once: timers fire under their instance's lock and only while their row exists.
 */
public final class EngineScheduler implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EngineScheduler.class);
  private static final int BATCH = 200;

  private final TimerStore timers;
  private final JobStore jobs;
  private final MessageStore messages;
  private final TimerCommands timerCommands;
  private final EngineNotifications notifications;
  private final EngineClock clock;
  private final TransactionTemplate transactions;
  private final ScheduledExecutorService executor =
      Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "engine-scheduler"));
  private long ticks;

  public EngineScheduler(TimerStore timers, JobStore jobs, MessageStore messages,
      TimerCommands timerCommands, EngineNotifications notifications, EngineClock clock,
      TransactionTemplate transactions) {
    this.timers = timers;
    this.jobs = jobs;
    this.messages = messages;
    this.timerCommands = timerCommands;
    this.notifications = notifications;
    this.clock = clock;
    this.transactions = transactions;
  }

  public void start(long intervalMillis) {
    executor.scheduleWithFixedDelay(this::tick, intervalMillis, intervalMillis, TimeUnit.MILLISECONDS);
  }

  /** One round of due work; public so tests and the clock endpoint can run it at once. */
  public synchronized void tick() {
    try {
      fireDueTimers();
      timeOutJobs();
      if (++ticks % 10 == 0) {
        transactions.executeWithoutResult(status -> messages.deleteExpired(clock.now()));
      }
    } catch (RuntimeException e) {
      LOG.warn("Engine scheduler round failed; retrying next round", e);
    }
  }

  private void fireDueTimers() {
    List<TimerRow> due;
    do {
      due = timers.due(clock.now(), BATCH);
      for (TimerRow timer : due) {
        timerCommands.trigger(timer);
      }
    } while (due.size() == BATCH);
  }

  private void timeOutJobs() {
    Instant now = clock.now();
    var types = new HashSet<String>();
    transactions.executeWithoutResult(status -> {
      types.addAll(jobs.timeOutExpired(now));
      types.addAll(jobs.recurAfterBackoff(now));
    });
    types.forEach(notifications::allJobsAvailable);
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}

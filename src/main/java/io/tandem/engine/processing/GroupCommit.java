package io.tandem.engine.processing;

import io.tandem.engine.state.InstanceDocument;
import io.tandem.engine.store.InstanceStore;
import io.tandem.engine.store.JobRow;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Group commit of commands on single process instances. A caller queues its command and waits; a
 * few committer threads each take what has queued (up to {@link #MAX_BATCH} commands), lock the
 * batch's instances and jobs, run its commands one after the other in memory, write all their changes
 * in one statement and commit once. Under load a batch fills while the one before it commits, so a
 * command costs a share of a transaction and of each round trip; alone, it is taken at once. A caller
 * is answered only after its batch has committed.
 *
 * <p>A command that throws rolls its batch back, and each command of that batch then runs on its
 * caller's thread in a transaction of its own, so a rejection reaches only its own caller. A command
 * on an instance that an earlier command of the batch has already taken waits for the next batch, so
 * it sees what that command committed.
 */
final class GroupCommit implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(GroupCommit.class);
  static final int MAX_BATCH = 64;

  private final InstanceTransactions transactions;
  private final InstanceStore instances;
  private final LinkedBlockingDeque<Pending<?>> queue = new LinkedBlockingDeque<>();
  private final List<Thread> committers = new ArrayList<>();
  private volatile boolean running = true;
  private final AtomicLong batches = new AtomicLong();
  private final AtomicLong batchedCommands = new AtomicLong();
  private final AtomicLong commandsRunAlone = new AtomicLong();

  GroupCommit(InstanceTransactions transactions, InstanceStore instances, int committerCount) {
    this.transactions = transactions;
    this.instances = instances;
    for (int i = 1; i <= committerCount; i++) {
      Thread committer = new Thread(this::commitLoop, "engine-committer-" + i);
      committer.setDaemon(true);
      committer.start();
      committers.add(committer);
    }
  }

  /**
   * Runs a command in the next batch and gives its result, or throws its rejection. Inside a
   * transaction of the caller's, or once stopped, it runs alone in that transaction instead.
   */
  <T> T execute(InstanceCommand<T> command) {
    if (!running || committers.isEmpty() || TransactionSynchronizationManager.isActualTransactionActive()) {
      return transactions.runAlone(command);
    }
    Pending<T> pending = new Pending<>(command);
    queue.add(pending);
    if (!running) {
      // close() may have drained the queue before this command was added
      queue.remove(pending);
      pending.runAlone();
    }
    return pending.outcome.join().get();
  }

  private void commitLoop() {
    List<Pending<?>> batch = new ArrayList<>(MAX_BATCH);
    while (running) {
      try {
        Pending<?> first = queue.poll(1, TimeUnit.SECONDS);
        if (first == null) {
          continue;
        }
        batch.add(first);
        queue.drainTo(batch, MAX_BATCH - 1);
        commit(batch);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      } catch (RuntimeException | Error e) {
        LOG.error("A group commit failed outside its transaction; its commands run alone", e);
        batch.forEach(Pending::runAlone);
      } finally {
        batch.clear();
      }
    }
    // stopping: what is still queued (deferred commands too) runs on its callers' threads
    Pending<?> pending;
    while ((pending = queue.poll()) != null) {
      pending.runAlone();
    }
  }

  /** What one batch does: the answers it gives after its commit, and the commands left for the next. */
  private record Outcome(List<Runnable> answers, List<Pending<?>> deferred) {}

  private void commit(List<Pending<?>> batch) {
    Outcome outcome = new Outcome(new ArrayList<>(batch.size()), new ArrayList<>());
    try {
      transactions.inTransaction(() -> {
        InstanceStore.Locked locked = instances.lockAll(
            batch.stream().map(p -> p.command.instanceKey()).filter(Objects::nonNull).toList(),
            batch.stream().map(p -> p.command.jobKey()).filter(Objects::nonNull).toList());
        Set<Long> taken = new HashSet<>();
        List<InstanceTransactions.Processed<?>> processed = new ArrayList<>(batch.size());
        for (Pending<?> pending : batch) {
          pending.process(locked, taken, processed, outcome);
        }
        if (!processed.isEmpty()) {
          transactions.write(processed);
        }
        return null;
      });
    } catch (RuntimeException e) {
      if (e instanceof Rejection.RejectedCommand) {
        LOG.debug("A batch of {} commands was rolled back for a rejection; each runs alone", batch.size(), e);
      } else {
        LOG.warn("A batch of {} commands failed; each runs alone", batch.size(), e);
      }
      batch.forEach(Pending::runAlone);
      return;
    }
    batches.incrementAndGet();
    batchedCommands.addAndGet(batch.size() - outcome.deferred().size());
    outcome.answers().forEach(Runnable::run);
    List<Pending<?>> deferred = outcome.deferred();
    for (int i = deferred.size() - 1; i >= 0; i--) {
      queue.addFirst(deferred.get(i));
    }
  }

  /** How many batches committed, with how many commands, how many commands ran alone after all, how many wait. */
  GroupCommitStats stats() {
    return new GroupCommitStats(batches.get(), batchedCommands.get(), commandsRunAlone.get(), queue.size());
  }

  /** Stops the committers; commands still queued, and any that come later, run on their callers' threads. */
  @Override
  public void close() {
    running = false;
    committers.forEach(Thread::interrupt);
    for (Thread committer : committers) {
      try {
        committer.join(TimeUnit.SECONDS.toMillis(5));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    Pending<?> pending;
    while ((pending = queue.poll()) != null) {
      pending.runAlone();
    }
  }

  /** A queued command and how its caller gets its result: a value, a rejection, or "run alone". */
  private final class Pending<T> {
    final InstanceCommand<T> command;
    final CompletableFuture<Supplier<T>> outcome = new CompletableFuture<>();

    Pending(InstanceCommand<T> command) {
      this.command = command;
    }

    void runAlone() {
      if (outcome.complete(() -> transactions.runAlone(command))) {
        commandsRunAlone.incrementAndGet();
      }
    }

    /** Runs the command on its locked (or new) document, unless its instance is missing or taken. */
    void process(InstanceStore.Locked locked, Set<Long> taken, List<InstanceTransactions.Processed<?>> processed,
        Outcome batch) {
      InstanceDocument document;
      JobRow job = null;
      if (command.newDocument() != null) {
        document = command.newDocument().get();
      } else if (command.jobKey() != null) {
        job = locked.jobs().get(command.jobKey());
        document = job == null ? null : locked.documents().get(job.processInstanceKey());
      } else {
        document = locked.documents().get(command.instanceKey());
      }
      if (document == null) {
        RuntimeException notFound = command.notFound().get();
        batch.answers().add(() -> outcome.complete(() -> {
          throw notFound;
        }));
        return;
      }
      if (!taken.add(document.key)) {
        batch.deferred().add(this);
        return;
      }
      JobRow lockedJob = job;
      InstanceTransactions.Processed<T> done = transactions.process(document,
          ctx -> command.work().apply(ctx, lockedJob), command.newDocument() != null);
      processed.add(done);
      batch.answers().add(() -> outcome.complete(done::result));
    }
  }
}

package io.tandem.engine.processing;

import io.tandem.engine.clock.EngineClock;
import io.tandem.engine.model.ExecutableProcess;
import io.tandem.engine.state.InstanceDocument;
import io.tandem.engine.store.InstanceStore;
import io.tandem.engine.store.ProjectionStore;
import io.tandem.engine.store.RecordStore;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs a command against one process instance: lock its row, load the document, apply the
 * command and every follow-up step, write the document and the records, commit; then tell
 * waiting workers and callers. Commands on one instance are thereby serialized.
 */
public final class InstanceTransactions {

  private final TransactionTemplate transactions;
  private final InstanceStore instances;
  private final RecordStore records;
  private final ProjectionStore projections;
  private final ProcessRepository processes;
  private final EngineClock clock;
  private final EngineNotifications notifications;

  public InstanceTransactions(TransactionTemplate transactions, InstanceStore instances,
      RecordStore records, ProjectionStore projections, ProcessRepository processes,
      EngineClock clock, EngineNotifications notifications) {
    this.transactions = transactions;
    this.instances = instances;
    this.records = records;
    this.projections = projections;
    this.processes = processes;
    this.clock = clock;
    this.notifications = notifications;
  }

  public <T> T inTransaction(java.util.function.Supplier<T> work) {
    return transactions.execute(status -> work.get());
  }

  /** Runs work on a locked instance inside the caller's transaction; empty if there is none. */
  public <T> Optional<T> onLockedInstance(long processInstanceKey, Function<ProcessingContext, T> command) {
    return instances.lock(processInstanceKey).map(document -> run(document, command, false));
  }

  /** Like {@link #onLockedInstance}, for the instance a job belongs to; empty if there is none. */
  public <T> Optional<T> onLockedInstanceOfJob(long jobKey, Function<ProcessingContext, T> command) {
    return instances.lockOfJob(jobKey).map(document -> run(document, command, false));
  }

  /** Runs work on a new instance inside the caller's transaction. */
  public <T> T onNewInstance(InstanceDocument document, Function<ProcessingContext, T> command) {
    return run(document, command, true);
  }

  private <T> T run(InstanceDocument document, Function<ProcessingContext, T> command, boolean isNew) {
    ExecutableProcess process = processes.byKey(document.processDefinitionKey).orElseThrow();
    Instant now = clock.now();
    ProcessingContext ctx = new ProcessingContext(document, process, now);
    T result = command.apply(ctx);
    ctx.drain();
    if (isNew) {
      instances.insert(document);
    } else {
      instances.update(document);
    }
    records.append(ctx.records, now);
    projections.project(document, ctx.records, now, elementId -> {
      var element = process.elements().get(elementId);
      return element == null ? null : element.name();
    });
    afterCommit(ctx);
    return result;
  }

  private void afterCommit(ProcessingContext ctx) {
    boolean ended = ctx.document.state != InstanceDocument.InstanceState.ACTIVE;
    if (ctx.createdJobTypes.isEmpty() && !ended) {
      return;
    }
    var jobTypes = ctx.createdJobTypes;
    var document = ctx.document;
    TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
      @Override
      public void afterCommit() {
        jobTypes.forEach(notifications::jobsAvailable);
        if (ended) {
          notifications.instanceEnded(document);
        }
      }
    });
  }
}

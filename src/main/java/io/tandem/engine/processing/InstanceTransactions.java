package io.tandem.engine.processing;

import io.tandem.engine.clock.EngineClock;
import io.tandem.engine.model.ExecutableProcess;
import io.tandem.engine.model.TaskListenerEventType;
import io.tandem.engine.processing.JobCommands.ActivatedJob;
import io.tandem.engine.state.ElementInstance;
import io.tandem.engine.state.InstanceDocument;
import io.tandem.engine.store.InstanceStore;
import io.tandem.engine.store.JobRow;
import io.tandem.engine.store.JobStore;
import io.tandem.engine.store.ProjectionStore;
import io.tandem.engine.store.InstanceWrites;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs a command against one process instance: lock its row, load the document, apply the
 * command and every follow-up step, write the document and the records, commit; then tell
 * waiting workers and callers. Commands on one instance are thereby serialized.
 */
public final class InstanceTransactions {

  private static final Logger LOG = LoggerFactory.getLogger(InstanceTransactions.class);

  private final TransactionTemplate transactions;
  private final InstanceStore instances;
  private final InstanceWrites writes;
  private final ProjectionStore projections;
  private final ProcessRepository processes;
  private final EngineClock clock;
  private final EngineNotifications notifications;
  private final JobStore jobs;
  /** Its own transaction: a hand-back runs after the command's transaction has committed. */
  private final TransactionTemplate handBack;

  public InstanceTransactions(TransactionTemplate transactions, InstanceStore instances,
      InstanceWrites writes, ProjectionStore projections, ProcessRepository processes,
      EngineClock clock, EngineNotifications notifications, JobStore jobs) {
    this.transactions = transactions;
    this.jobs = jobs;
    this.handBack = new TransactionTemplate(transactions.getTransactionManager());
    this.handBack.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    this.instances = instances;
    this.writes = writes;
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

  /** Like {@link #onLockedInstance}, for a job (locked too) and its instance; empty if there is no such job. */
  public <T> Optional<T> onLockedJob(long jobKey, BiFunction<ProcessingContext, JobRow, T> command) {
    return instances.lockJobAndInstance(jobKey)
        .map(locked -> run(locked.document(), ctx -> command.apply(ctx, locked.job()), false));
  }

  /** Runs work on a new instance inside the caller's transaction. */
  public <T> T onNewInstance(InstanceDocument document, Function<ProcessingContext, T> command) {
    return run(document, command, true);
  }

  /** Runs a command in a transaction of its own, or in the caller's if it has one. */
  <T> T runAlone(InstanceCommand<T> command) {
    return inTransaction(() -> {
      if (command.newDocument() != null) {
        return onNewInstance(command.newDocument().get(), ctx -> command.work().apply(ctx, null));
      }
      if (command.jobKey() != null) {
        return onLockedJob(command.jobKey(), command.work()).orElseThrow(command.notFound());
      }
      return onLockedInstance(command.instanceKey(), ctx -> command.work().apply(ctx, null))
          .orElseThrow(command.notFound());
    });
  }

  private <T> T run(InstanceDocument document, Function<ProcessingContext, T> command, boolean isNew) {
    Processed<T> processed = process(document, command, isNew);
    write(List.of(processed));
    return processed.result();
  }

  /** A command run in memory, its changes not yet written. */
  record Processed<T>(ProcessingContext ctx, boolean isNew, T result, List<StreamPush> pushes) {}

  /** Runs a command and every follow-up step on a (locked or new) document, in memory. */
  <T> Processed<T> process(InstanceDocument document, Function<ProcessingContext, T> command, boolean isNew) {
    ExecutableProcess process = processes.byKey(document.processDefinitionKey).orElseThrow();
    ProcessingContext ctx = new ProcessingContext(document, process, clock.now());
    T result = command.apply(ctx);
    ctx.drain();
    return new Processed<>(ctx, isNew, result, streamPushes(ctx));
  }

  /**
   * Writes processed commands, each on its own instance, in the current transaction, and has their
   * jobs pushed and waiters told once it commits.
   */
  void write(List<? extends Processed<?>> processed) {
    List<InstanceWrites.Change> changes = new ArrayList<>(processed.size());
    for (Processed<?> p : processed) {
      ExecutableProcess process = p.ctx().process;
      changes.add(new InstanceWrites.Change(p.ctx().document, p.isNew(), p.ctx().records,
          p.ctx().createdJobs.values(), p.ctx().deletedJobs, p.ctx().now, elementId -> {
            var element = process.elements().get(elementId);
            return element == null ? null : element.name();
          }));
    }
    writes.write(changes);
    projections.project(changes);
    processed.forEach(p -> afterCommit(p.ctx(), p.pushes()));
  }

  /** A job activated for a stream, with the variables it carries. */
  record StreamPush(JobStreams.JobStream stream, ActivatedJob job) {}

  /**
   * The jobs this command activated for streams, as their workers get them: with the variables of
   * the document as it is committed. A job whose element ended in the same command is not pushed.
   */
  private static List<StreamPush> streamPushes(ProcessingContext ctx) {
    if (ctx.streamedJobs.isEmpty()) {
      return List.of();
    }
    List<StreamPush> pushes = new ArrayList<>();
    for (JobStreams.StreamedJob streamed : ctx.streamedJobs) {
      JobRow job = streamed.job();
      ElementInstance element = ctx.document.element(job.elementInstanceKey());
      TaskListenerEventType listenerEvent = UserTaskTransitions.listenerEventOf(element, job.key());
      boolean current = element != null
          && (Long.valueOf(job.key()).equals(element.jobKey) || listenerEvent != null);
      if (current) {
        Map<String, Object> variables = streamed.stream().fetched(ctx.document.visibleVariables(element.key));
        pushes.add(new StreamPush(streamed.stream(), new ActivatedJob(job, variables, listenerEvent)));
      }
    }
    return pushes;
  }

  private void afterCommit(ProcessingContext ctx, List<StreamPush> pushes) {
    boolean ended = ctx.document.state != InstanceDocument.InstanceState.ACTIVE;
    if (ctx.createdJobTypes.isEmpty() && pushes.isEmpty() && !ended) {
      return;
    }
    var jobTypes = ctx.createdJobTypes;
    var document = ctx.document;
    TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
      @Override
      public void afterCommit() {
        pushes.forEach(InstanceTransactions.this::push);
        jobTypes.forEach(notifications::jobsAvailable);
        if (ended) {
          notifications.instanceEnded(document);
        }
      }
    });
  }

  /** Pushes a job to its stream; a stream that is gone hands it back to pollers, as Zeebe's yield does. */
  private void push(StreamPush push) {
    boolean delivered;
    try {
      delivered = push.stream().consumer().push(push.job());
    } catch (RuntimeException e) {
      LOG.warn("Pushing job {} to a stream failed; handing it back", push.job().job().key(), e);
      delivered = false;
    }
    if (!delivered) {
      JobRow job = push.job().job();
      handBack.executeWithoutResult(status -> jobs.release(List.of(job.key())));
      notifications.jobsAvailable(job.type());
    }
  }
}

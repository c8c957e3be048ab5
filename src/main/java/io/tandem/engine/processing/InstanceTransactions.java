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
import java.time.Instant;
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

  private <T> T run(InstanceDocument document, Function<ProcessingContext, T> command, boolean isNew) {
    ExecutableProcess process = processes.byKey(document.processDefinitionKey).orElseThrow();
    Instant now = clock.now();
    ProcessingContext ctx = new ProcessingContext(document, process, now);
    T result = command.apply(ctx);
    ctx.drain();
    List<StreamPush> pushes = streamPushes(ctx);
    writes.write(document, isNew, ctx.records, ctx.createdJobs.values(), ctx.deletedJobs, now, elementId -> {
      var element = process.elements().get(elementId);
      return element == null ? null : element.name();
    });
    projections.project(document, ctx.records);
    afterCommit(ctx, pushes);
    return result;
  }

  /** A job activated for a stream, with the variables it carries. */
  private record StreamPush(JobStreams.JobStream stream, ActivatedJob job) {}

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

package io.tandem.engine.processing;

import io.tandem.engine.state.ElementInstance;
import io.tandem.engine.store.IncidentStore;
import io.tandem.engine.store.IncidentStore.IncidentRow;
import io.tandem.engine.store.JobRow;
import io.tandem.engine.store.JobStore;

/** Resolving incidents: a job incident makes its job activatable again, others retry their step. */
public final class IncidentCommands {

  private final InstanceTransactions transactions;
  private final IncidentStore incidents;
  private final JobStore jobs;
  private final ElementLifecycle lifecycle;
  private final JobBehavior jobBehavior;

  public IncidentCommands(InstanceTransactions transactions, IncidentStore incidents, JobStore jobs,
      ElementLifecycle lifecycle, JobBehavior jobBehavior) {
    this.transactions = transactions;
    this.incidents = incidents;
    this.jobs = jobs;
    this.lifecycle = lifecycle;
    this.jobBehavior = jobBehavior;
  }

  public void resolve(long incidentKey) {
    RuntimeException notFound = Rejection.notFound("RESOLVE",
        "Expected to resolve incident with key '%d', but no such incident was found", incidentKey);
    IncidentRow incident = incidents.find(incidentKey).filter(i -> i.state().equals("ACTIVE"))
        .orElseThrow(() -> notFound);
    transactions.inTransaction(() -> transactions.onLockedInstance(incident.processInstanceKey(), ctx -> {
      ElementInstance instance = ctx.document.element(incident.elementInstanceKey());
      if (instance == null || !Long.valueOf(incidentKey).equals(instance.incidentKey)) {
        throw notFound;
      }
      if (incident.jobKey() != null) {
        JobRow job = jobs.lock(incident.jobKey()).orElseThrow(() -> notFound);
        if (job.retries() <= 0 && JobRow.FAILED.equals(job.state())) {
          // as Camunda's engine does: the retries come first, else the incident would come straight back
          throw Rejection.invalidState("RESOLVE", "Expected to resolve incident with key '%d', but job with"
              + " key '%d' has no retries left. Please update the job retries and retry resolving the incident",
              incidentKey, job.key());
        }
        jobs.makeActivatable(job.key(), ctx.now);
        lifecycle.resolveIncidentRecord(ctx, instance);
        jobBehavior.offer(ctx, job);
      } else {
        lifecycle.retryFailedStep(ctx, instance);
      }
      return true;
    }).orElseThrow(() -> notFound));
  }
}

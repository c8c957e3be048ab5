package io.tandem.engine.processing;

import io.tandem.engine.clock.EngineClock;
import io.tandem.engine.expression.ExpressionService;
import io.tandem.engine.form.FormRepository;
import io.tandem.engine.model.ElementKind;
import io.tandem.engine.model.ProcessCompiler;
import io.tandem.engine.processing.bpmn.BusinessRuleTaskProcessor;
import io.tandem.engine.processing.bpmn.CatchEventProcessor;
import io.tandem.engine.processing.bpmn.ContainerProcessor;
import io.tandem.engine.processing.bpmn.EndEventProcessor;
import io.tandem.engine.processing.bpmn.ExclusiveGatewayProcessor;
import io.tandem.engine.processing.bpmn.JobWorkerProcessor;
import io.tandem.engine.processing.bpmn.PassThroughProcessor;
import io.tandem.engine.processing.bpmn.ScriptTaskProcessor;
import io.tandem.engine.processing.bpmn.UserTaskProcessor;
import io.tandem.engine.scheduler.EngineScheduler;
import io.tandem.engine.store.EngineStores;
import java.util.ArrayList;
import java.util.List;
import org.springframework.transaction.support.TransactionTemplate;

/** The embedded engine assembled: its command processors over its stores. */
public final class Engine implements AutoCloseable {

  private final EngineStores stores;
  private final EngineClock clock;
  private final EngineNotifications notifications;
  private final ProcessRepository processes;
  private final ProcessInstanceCommands instances;
  private final JobCommands jobs;
  private final MessageCommands messages;
  private final IncidentCommands incidents;
  private final DeploymentCommands deployments;
  private final UserTaskCommands userTasks;
  private final FormRepository forms;
  private final EngineScheduler scheduler;
  private final GroupCommit commits;
  private final JobStreams jobStreams = new JobStreams();

  public Engine(EngineStores stores, TransactionTemplate transactions, EngineClock clock,
      ExpressionService expressions, ProcessCompiler compiler, EngineNotifications notifications,
      DecisionEvaluator decisions, List<DeploymentCommands.ResourceDeployer> deployers, int committers) {
    this.stores = stores;
    this.clock = clock;
    this.notifications = notifications;
    this.processes = new ProcessRepository(stores.resources(), compiler);
    InstanceTransactions instanceTransactions = new InstanceTransactions(transactions,
        stores.instances(), stores.writes(), stores.projections(), processes, clock, notifications, stores.jobs());
    this.commits = new GroupCommit(instanceTransactions, stores.instances(), committers);
    EventSubscriptions subscriptions = new EventSubscriptions(stores.timers(), stores.messages());
    ElementLifecycle lifecycle = new ElementLifecycle(stores.keys(), expressions, stores.incidents(), subscriptions);
    subscriptions.use(lifecycle);
    lifecycle.useMultiInstance(new MultiInstanceBody(lifecycle));
    ErrorEvents errors = new ErrorEvents(lifecycle);
    JobBehavior jobBehavior = new JobBehavior(stores.jobs(), jobStreams, lifecycle);
    this.forms = new FormRepository(stores.resources(), stores.keys());
    UserTaskBehavior userTaskBehavior = new UserTaskBehavior(stores.userTasks(), forms, lifecycle);
    UserTaskTransitions userTaskTransitions = new UserTaskTransitions(stores.userTasks(), userTaskBehavior,
        jobBehavior, lifecycle, notifications);

    var passThrough = new PassThroughProcessor(lifecycle);
    var container = new ContainerProcessor(lifecycle);
    var jobWorker = new JobWorkerProcessor(lifecycle, jobBehavior);
    var catchEvent = new CatchEventProcessor(lifecycle, subscriptions);
    lifecycle.register(ElementKind.PROCESS, container);
    lifecycle.register(ElementKind.SUB_PROCESS, container);
    lifecycle.register(ElementKind.START_EVENT, passThrough);
    lifecycle.register(ElementKind.BOUNDARY_EVENT, passThrough);
    lifecycle.register(ElementKind.TASK, passThrough);
    lifecycle.register(ElementKind.MANUAL_TASK, passThrough);
    lifecycle.register(ElementKind.PARALLEL_GATEWAY, passThrough);
    lifecycle.register(ElementKind.EXCLUSIVE_GATEWAY, new ExclusiveGatewayProcessor(lifecycle));
    lifecycle.register(ElementKind.SERVICE_TASK, jobWorker);
    lifecycle.register(ElementKind.SEND_TASK, jobWorker);
    lifecycle.register(ElementKind.USER_TASK, new UserTaskProcessor(lifecycle, jobWorker, userTaskBehavior,
        userTaskTransitions));
    lifecycle.register(ElementKind.INTERMEDIATE_THROW_EVENT, jobWorker);
    lifecycle.register(ElementKind.SCRIPT_TASK, new ScriptTaskProcessor(lifecycle, jobWorker));
    lifecycle.register(ElementKind.BUSINESS_RULE_TASK, new BusinessRuleTaskProcessor(lifecycle, jobWorker, decisions));
    lifecycle.register(ElementKind.INTERMEDIATE_CATCH_EVENT, catchEvent);
    lifecycle.register(ElementKind.RECEIVE_TASK, catchEvent);
    lifecycle.register(ElementKind.END_EVENT, new EndEventProcessor(lifecycle, errors, jobWorker));

    this.instances = new ProcessInstanceCommands(commits, processes, lifecycle, stores.keys(),
        stores.jdbc(), notifications);
    this.jobs = new JobCommands(instanceTransactions, commits, stores.jobs(), stores.instances(), lifecycle,
        errors, clock, notifications, userTaskTransitions, jobBehavior);
    this.messages = new MessageCommands(instanceTransactions, stores.messages(), subscriptions, stores.keys(), clock);
    this.incidents = new IncidentCommands(instanceTransactions, stores.incidents(), stores.jobs(), lifecycle,
        jobBehavior);
    List<DeploymentCommands.ResourceDeployer> allDeployers = new ArrayList<>(deployers);
    allDeployers.add(forms);
    this.deployments = new DeploymentCommands(instanceTransactions, stores.resources(), compiler,
        stores.keys(), clock, allDeployers);
    this.userTasks = new UserTaskCommands(instanceTransactions, stores.userTasks(), userTaskTransitions);
    TimerCommands timers = new TimerCommands(instanceTransactions, stores.timers(), subscriptions);
    this.scheduler = new EngineScheduler(stores.timers(), stores.jobs(), stores.messages(), timers,
        notifications, clock, transactions);
  }

  public EngineStores stores() { return stores; }
  public EngineClock clock() { return clock; }
  public EngineNotifications notifications() { return notifications; }
  public ProcessRepository processes() { return processes; }
  public ProcessInstanceCommands instances() { return instances; }
  public JobCommands jobs() { return jobs; }
  public MessageCommands messages() { return messages; }
  public IncidentCommands incidents() { return incidents; }
  public DeploymentCommands deployments() { return deployments; }
  public UserTaskCommands userTasks() { return userTasks; }
  public FormRepository forms() { return forms; }
  public EngineScheduler scheduler() { return scheduler; }
  public JobStreams jobStreams() { return jobStreams; }

  public GroupCommitStats groupCommitStats() { return commits.stats(); }

  /** Stops the group commit's threads; commands still queued run on their callers' threads. */
  @Override
  public void close() {
    commits.close();
  }
}

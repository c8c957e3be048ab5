package io.tandem.engine.durability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.ClientHttpException;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.response.DeploymentEvent;
import io.camunda.client.api.response.ProcessInstanceEvent;
import io.camunda.client.api.search.enums.ProcessInstanceState;
import io.camunda.client.api.search.response.ProcessInstance;
import io.camunda.client.api.search.response.SearchResponse;
import io.camunda.client.api.worker.JobClient;
import io.camunda.client.api.worker.JobHandler;
import io.camunda.client.api.worker.JobWorker;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.tandem.testsupport.AppProcess;
import io.tandem.testsupport.QuietLogging;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.assertj.core.api.SoftAssertions;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;

/**
 * Durability of the embedded engine across a crash of the app JVM ({@code kill -9}).
 *
 * <p>Tandem runs as a separate JVM on a fresh embedded-PostgreSQL data directory. Work is put into
 * every durable state the engine has (created instances, jobs being completed, activated jobs,
 * pending timers), the JVM is killed with SIGKILL in the middle of it, and a new JVM is started on
 * the same data directory and port. (The killed JVM leaves its PostgreSQL running; the new app
 * stops that orphan before starting its own.)
 *
 * <p><b>What the engine must guarantee</b> (each checked below, tagged E1..E5):
 *
 * <ul>
 *   <li><b>E1</b> Every process instance whose creation was acknowledged (the create call returned
 *       a key) survives the crash and completes exactly once: its single job is completed
 *       successfully once, either before the crash or after it. A completion that was in flight
 *       when the JVM died ("in doubt": the client got no answer) was either applied, and then its
 *       job never comes back, or not applied, and then its job comes back and is completed after
 *       the restart. Creates that were not acknowledged may or may not have taken effect.
 *   <li><b>E2</b> An acknowledged job completion is final: the job is never handed out again, so
 *       no job and no instance sees two successful completions. Completing a job that is already
 *       gone is rejected (HTTP 404); such rejections are recorded and allowed.
 *   <li><b>E3</b> Timers survive the crash: they do not fire before they are due, nor because of
 *       the restart, and each fires exactly once when the (pinned) engine clock passes its due
 *       date.
 *   <li><b>E4</b> A job activation survives the crash: the job stays with its worker until its
 *       activation timeout and then comes back, with the same key.
 *   <li><b>E5</b> When {@code POST /v2/process-instances/search} is served, it reports every
 *       instance above as COMPLETED in the end (checked only if the endpoint exists).
 * </ul>
 *
 * <p>Limits: without the search API, an in-doubt completion whose job never comes back is taken as
 * applied (the engine could also have lost the instance; E1 still catches an engine that loses
 * instances wholesale). Killing the JVM leaves PostgreSQL running, so this tests the engine's
 * transactions, not PostgreSQL's own durability settings ({@code fsync}, {@code
 * synchronous_commit}); {@code -Dtandem.crash.kill-postgres=true} tests those too.
 *
 * <p>Needs the engine's controllable clock ({@code --tandem.engine.clock.controllable=true},
 * {@code PUT /v2/clock}). The app log is kept under {@code target/crash-recovery/}. Set {@code
 * -Dtandem.crash.kill-postgres=true} to also SIGKILL the embedded PostgreSQL (a machine crash
 * rather than an app crash). Skip with {@code -Dtandem.crash-test.skip=true}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 25, unit = TimeUnit.MINUTES)
@DisabledIfSystemProperty(named = "tandem.crash-test.skip", matches = "true")
class CrashRecoveryTest {

  // --- the scenario's sizes and timings (generous: this must pass on a 2-core machine) ---
  private static final int WORK_INSTANCES = 200;
  private static final int KILL_AFTER_COMPLETIONS = 100;
  private static final int TIMER_INSTANCES = 20;
  private static final int SLOW_INSTANCES = 10;
  /**
   * Activation timeout of the never-completed {@code crash-slow} jobs. Long enough that it has
   * certainly not run out by the time the restarted engine is checked (so the activation must have
   * survived the crash: E4), far shorter than the clock pin, which then makes it run out.
   */
  private static final Duration SLOW_JOB_TIMEOUT = Duration.ofMinutes(5);
  /** Jobs the worker holds before the crash run out after this, well inside the clock pin. */
  private static final Duration WORKER_JOB_TIMEOUT = Duration.ofMinutes(1);
  private static final Duration TIMER_DURATION = Duration.ofMinutes(10);
  private static final Duration CLOCK_ADVANCE = Duration.ofMinutes(11);
  private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
  /** The restart also stops the orphaned PostgreSQL and lets it recover. */
  private static final Duration RESTART_TIMEOUT = Duration.ofSeconds(180);
  private static final Duration PHASE_TIMEOUT = Duration.ofMinutes(3);
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

  private static final String WORK = "crash-work";
  private static final String TIMER = "crash-timer";
  private static final String SLOW = "crash-slow";
  private static final String AFTER_TIMER = "after-timer";

  private AppProcess app;
  private CamundaClient client;
  private boolean passed;

  // --- the record of what happened, across both runs of the app ---
  private final Set<Long> acknowledgedWork = ConcurrentHashMap.newKeySet();
  private final List<String> unacknowledgedCreates = new CopyOnWriteArrayList<>();
  private final AtomicInteger workCreatesSettled = new AtomicInteger();
  /** successful (acknowledged) completions per job key and per process instance key */
  private final Map<Long, Integer> completedByJob = new ConcurrentHashMap<>();
  private final Map<Long, Integer> completedByInstance = new ConcurrentHashMap<>();
  /** completions answered with an HTTP error (e.g. 404 for a job already gone): job key to answer */
  private final Map<Long, String> rejectedByJob = new ConcurrentHashMap<>();
  /** completions without any answer (connection lost in the crash): job key to instance key */
  private final Map<Long, Long> inDoubtByJob = new ConcurrentHashMap<>();
  /** how often each job was handed to a worker, per run */
  private final Map<Long, Integer> deliveriesRun1 = new ConcurrentHashMap<>();
  private final Map<Long, Integer> deliveriesRun2 = new ConcurrentHashMap<>();
  private final Map<Long, Long> instanceOfJob = new ConcurrentHashMap<>();
  private final AtomicInteger completesInFlight = new AtomicInteger();
  private final AtomicInteger completedRun1 = new AtomicInteger();
  private final AtomicInteger completedRun2 = new AtomicInteger();
  private final List<String> notes = new CopyOnWriteArrayList<>();

  @BeforeAll
  void startApp() {
    QuietLogging.apply();
    String run = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(Instant.now());
    Path dir = Path.of("target", "crash-recovery", run).toAbsolutePath();
    app =
        AppProcess.builder()
            .dataDir(dir.resolve("postgres"))
            .logFile(dir.resolve("app.log"))
            .heap("1g")
            .appArg("--tandem.engine.clock.controllable=true")
            .build()
            .start();
    app.awaitEngine(START_TIMEOUT);
    client = newClient();
  }

  @AfterAll
  void stopApp() {
    if (client != null) {
      client.close();
    }
    if (app != null) {
      app.close();
      assertThat(app.postgres()).as("embedded PostgreSQL left running").isEmpty();
      if (passed) {
        app.deleteDataDir();
      }
    }
  }

  @Test
  void shouldKeepEveryAcknowledgedStateAcrossAKillOfTheAppJvm() throws Exception {
    deploy();

    // ---------------------------------------------------------------- before the crash
    Instant timersCreatedAt = Instant.now();
    List<Long> timerInstances = createAll(TIMER, TIMER_INSTANCES);
    List<Long> slowInstances = createAll(SLOW, SLOW_INSTANCES);

    // E4: activate the crash-slow jobs and never complete them
    Instant slowActivatedAt = Instant.now();
    Map<Long, Long> slowJobs = activateAll(SLOW, slowInstances, SLOW_JOB_TIMEOUT);
    assertThat(slowJobs.values()).as("one crash-slow job per instance").containsExactlyInAnyOrderElementsOf(slowInstances);

    // E3: nothing is due yet
    assertThat(activateOnce(AFTER_TIMER, Duration.ofMinutes(10), Duration.ofSeconds(2)))
        .as("E3: a %s timer fired before it was due", TIMER_DURATION)
        .isEmpty();

    // E1/E2: 200 creates at once, a worker completing their jobs, and a kill in the middle of it
    for (int i = 0; i < WORK_INSTANCES; i++) {
      int n = i;
      client
          .newCreateInstanceCommand()
          .bpmnProcessId(WORK)
          .latestVersion()
          .variables(Map.of("n", n))
          .requestTimeout(REQUEST_TIMEOUT)
          .send()
          .whenComplete(
              (created, error) -> {
                if (error == null) {
                  acknowledgedWork.add(created.getProcessInstanceKey());
                } else {
                  unacknowledgedCreates.add("#" + n + ": " + describe(error));
                }
                workCreatesSettled.incrementAndGet();
              });
    }
    CompletableFuture<Void> killPoint = new CompletableFuture<>();
    JobWorker worker1 = openWorker(1, deliveriesRun1, completedRun1, killPoint);

    killPoint.get(PHASE_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    int exit = app.kill(); // SIGKILL, i.e. kill -9 of the app JVM, with work in flight
    Instant killedAt = Instant.now();
    boolean postgresKilled = Boolean.getBoolean("tandem.crash.kill-postgres") && app.killPostgres();
    assertThat(exit).as("exit status of a JVM killed by SIGKILL").isEqualTo(137);

    // let every call that was in flight at the kill come back with its outcome
    await("creates settled after the kill")
        .atMost(REQUEST_TIMEOUT.plusSeconds(30))
        .until(() -> workCreatesSettled.get() == WORK_INSTANCES);
    await("completions settled after the kill")
        .atMost(REQUEST_TIMEOUT.plusSeconds(30))
        .until(() -> completesInFlight.get() == 0);
    worker1.close();
    client.close();
    int completedBeforeKill = completedRun1.get();
    Set<Long> inDoubtAtKill = new HashSet<>(inDoubtByJob.keySet());

    // ---------------------------------------------------------------- after the restart
    app.start(); // same port, same data directory
    app.awaitEngine(RESTART_TIMEOUT);
    client = newClient();

    // From here on every check is soft: all breaches are reported together, after the record.
    SoftAssertions soft = new SoftAssertions();

    // E4: the activation outlived the crash; E3: recovery fires no timer early. Both only while
    // real time has not yet reached the deadlines (a very slow machine may get there first).
    Duration margin = Duration.ofSeconds(30);
    if (Instant.now().isBefore(slowActivatedAt.plus(SLOW_JOB_TIMEOUT).minus(margin))) {
      soft.assertThat(activateOnce(SLOW, Duration.ofMinutes(10), Duration.ofSeconds(2)))
          .as("E4: crash-slow jobs back before their %s activation timeout ran out", SLOW_JOB_TIMEOUT)
          .isEmpty();
    } else {
      notes.add("restart took too long to check that crash-slow activations outlived the crash");
    }
    if (Instant.now().isBefore(timersCreatedAt.plus(TIMER_DURATION).minus(margin))) {
      soft.assertThat(activateOnce(AFTER_TIMER, Duration.ofMinutes(10), Duration.ofSeconds(2)))
          .as("E3: after-timer jobs on restart, before any timer was due")
          .isEmpty();
    } else {
      notes.add("restart took too long to check that no timer fired early");
    }

    // move the engine's clock past every timer and activation deadline, and hold it there (so no
    // job activated from now on can time out and be handed out twice)
    Instant pinnedAt = Instant.now().plus(CLOCK_ADVANCE);
    client.newPinClockCommand().time(pinnedAt).send().join();

    JobWorker worker2 = openWorker(2, deliveriesRun2, completedRun2, new CompletableFuture<>());

    // E4: every crash-slow job comes back, with its key
    Map<Long, Long> slowJobsAgain = activateAll(SLOW, slowInstances, Duration.ofMinutes(10));
    soft.assertThat(slowJobsAgain.keySet())
        .as("E4: keys of the crash-slow jobs handed out again after their activation timeout")
        .containsExactlyInAnyOrderElementsOf(slowJobs.keySet());

    // E3: every timer fires, once
    Map<Long, Long> afterTimerJobs = activateAll(AFTER_TIMER, timerInstances, Duration.ofMinutes(10));
    soft.assertThat(afterTimerJobs.values())
        .as("E3: instances of the after-timer jobs (one per crash-timer instance)")
        .containsExactlyInAnyOrderElementsOf(timerInstances);

    // E1: every acknowledged instance's job is completed, or its completion is in doubt
    try {
      await("every acknowledged crash-work instance completed or in doubt")
          .atMost(PHASE_TIMEOUT)
          .pollInterval(Duration.ofMillis(500))
          .until(() -> unsettled().isEmpty());
    } catch (ConditionTimeoutException e) {
      notes.add(unsettled().size() + " acknowledged crash-work instances never had their job handed out");
    }
    worker2.close();
    await("completions settled").atMost(REQUEST_TIMEOUT).until(() -> completesInFlight.get() == 0);

    // whatever crash-work job is still out there: an in-doubt completion that was not applied
    // (fine, completed now) or a job handed out again after an acknowledged completion (E2 breach)
    drainWork();
    // finish the other instances too; then nothing of them may be left (E3: no second firing)
    completeAll(SLOW, slowJobsAgain.keySet());
    completeAll(AFTER_TIMER, afterTimerJobs.keySet());
    List<ActivatedJob> leftSlow = activateOnce(SLOW, Duration.ofMinutes(10), Duration.ofSeconds(2));
    List<ActivatedJob> leftAfterTimer = activateOnce(AFTER_TIMER, Duration.ofMinutes(10), Duration.ofSeconds(2));

    // E5: the search API, where there is one
    Set<Long> everyInstance = new HashSet<>(acknowledgedWork);
    everyInstance.addAll(timerInstances);
    everyInstance.addAll(slowInstances);
    Optional<Map<Long, ProcessInstanceState>> searched = awaitSearchedCompleted(everyInstance);

    // ---------------------------------------------------------------- the record, then the verdict
    Map<Long, Long> inDoubtUnresolved = new TreeMap<>();
    inDoubtByJob.forEach(
        (job, instance) -> {
          if (completedByInstance.getOrDefault(instance, 0) == 0) {
            inDoubtUnresolved.put(job, instance);
          }
        });
    Set<Long> unacknowledgedButPresent =
        instanceOfJob.values().stream()
            .filter(instance -> !acknowledgedWork.contains(instance))
            .collect(Collectors.toCollection(HashSet::new));
    Map<Long, Integer> redelivered = new TreeMap<>();
    deliveriesRun2.forEach(
        (job, times) -> {
          if (deliveriesRun1.containsKey(job) || times > 1) {
            redelivered.put(job, deliveriesRun1.getOrDefault(job, 0) + times);
          }
        });
    Map<String, Long> rejections =
        rejectedByJob.values().stream()
            .collect(Collectors.groupingBy(s -> s, TreeMap::new, Collectors.counting()));

    System.out.printf(
        """
        ================= crash recovery record =================
        app log                       %s
        killed at                     %s (exit %d)%s
        clock pinned to               %s
        crash-work creates            %d sent, %d acknowledged, %d not acknowledged
        unacknowledged but present    %d (create applied, answer lost: allowed)
        completions before the kill   %d acknowledged, %d in doubt at the kill
        completions after restart     %d acknowledged
        in doubt, job never came back %d (completion applied before the crash) %s
        jobs handed out again         %d (handed out before the crash and again after it, or twice)
        completions rejected          %s
        crash-slow jobs               %d activated before, %d handed out again after the pin
        timers fired after the pin    %d of %d
        search API                    %s
        notes                         %s
        =========================================================
        %n""",
        app.logFile(),
        killedAt,
        exit,
        postgresKilled ? " together with its PostgreSQL" : "",
        pinnedAt,
        WORK_INSTANCES,
        acknowledgedWork.size(),
        unacknowledgedCreates.size(),
        unacknowledgedButPresent.size(),
        completedBeforeKill,
        inDoubtAtKill.size(),
        completedRun2.get(),
        inDoubtUnresolved.size(),
        inDoubtUnresolved.isEmpty() ? "" : inDoubtUnresolved.keySet(),
        redelivered.size(),
        rejections.isEmpty() ? "none" : rejections,
        slowJobs.size(),
        slowJobsAgain.size(),
        new HashSet<>(afterTimerJobs.values()).size(),
        TIMER_INSTANCES,
        searched.isPresent() ? "checked " + searched.get().size() + " instances" : "not served; relied on job tracking",
        notes.isEmpty() ? "none" : String.join("; ", notes));

    // E2: no job, and no instance, completed twice
    soft.assertThat(filterAbove(completedByJob, 1)).as("E2: jobs completed more than once").isEmpty();
    soft.assertThat(filterAbove(completedByInstance, 1))
        .as("E1/E2: instances whose job was completed more than once")
        .isEmpty();
    // E1: every acknowledged instance completed once; an in-doubt completion counts only if its
    // job never came back
    Set<Long> lost = new TreeSet<>(acknowledgedWork);
    lost.removeAll(completedByInstance.keySet());
    lost.removeAll(inDoubtUnresolved.values());
    soft.assertThat(lost).as("E1: acknowledged crash-work instances that never completed").isEmpty();
    // E3, E4: nothing left once all were completed
    soft.assertThat(leftAfterTimer).as("E3: after-timer jobs left once every one was completed (a timer fired twice)").isEmpty();
    soft.assertThat(leftSlow).as("E4: crash-slow jobs left once every one was completed").isEmpty();
    // E5
    searched.ifPresent(
        states ->
            soft.assertThat(states)
                .as("E5: instances the search API does not report COMPLETED")
                .allSatisfy((key, state) -> assertThat(state).as("instance %d", key).isEqualTo(ProcessInstanceState.COMPLETED))
                .containsOnlyKeys(everyInstance));
    soft.assertAll();

    passed = true;
  }

  // ------------------------------------------------------------------ processes

  private void deploy() {
    BpmnModelInstance work =
        Bpmn.createExecutableProcess(WORK)
            .startEvent()
            .serviceTask("work", t -> t.zeebeJobType(WORK))
            .endEvent()
            .done();
    BpmnModelInstance timer =
        Bpmn.createExecutableProcess(TIMER)
            .startEvent()
            .intermediateCatchEvent("wait", e -> e.timerWithDuration(TIMER_DURATION.toString()))
            .serviceTask("after", t -> t.zeebeJobType(AFTER_TIMER))
            .endEvent()
            .done();
    BpmnModelInstance slow =
        Bpmn.createExecutableProcess(SLOW)
            .startEvent()
            .serviceTask("slow", t -> t.zeebeJobType(SLOW))
            .endEvent()
            .done();
    DeploymentEvent deployment =
        client
            .newDeployResourceCommand()
            .addProcessModel(work, WORK + ".bpmn")
            .addProcessModel(timer, TIMER + ".bpmn")
            .addProcessModel(slow, SLOW + ".bpmn")
            .requestTimeout(REQUEST_TIMEOUT)
            .send()
            .join();
    assertThat(deployment.getProcesses()).extracting(p -> p.getBpmnProcessId()).containsExactlyInAnyOrder(WORK, TIMER, SLOW);
  }

  /** Creates {@code count} instances concurrently; the app is healthy, so all must be acknowledged. */
  private List<Long> createAll(String processId, int count) {
    List<CompletableFuture<ProcessInstanceEvent>> creates = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      creates.add(
          client
              .newCreateInstanceCommand()
              .bpmnProcessId(processId)
              .latestVersion()
              .requestTimeout(REQUEST_TIMEOUT)
              .send()
              .toCompletableFuture());
    }
    return creates.stream().map(CompletableFuture::join).map(ProcessInstanceEvent::getProcessInstanceKey).toList();
  }

  // ------------------------------------------------------------------ jobs

  private JobWorker openWorker(
      int run, Map<Long, Integer> deliveries, AtomicInteger completed, CompletableFuture<Void> killPoint) {
    JobHandler handler =
        (jobClient, job) -> {
          deliveries.merge(job.getKey(), 1, Integer::sum);
          complete(jobClient, job, completed, killPoint);
        };
    return client
        .newWorker()
        .jobType(WORK)
        .handler(handler)
        .name("crash-run-" + run)
        .maxJobsActive(32)
        .timeout(WORKER_JOB_TIMEOUT)
        .pollInterval(Duration.ofMillis(100))
        .requestTimeout(Duration.ofSeconds(10))
        .open();
  }

  /** Sends the completion and records its outcome when it comes, without waiting for it. */
  private void complete(JobClient jobClient, ActivatedJob job, AtomicInteger completed, CompletableFuture<Void> killPoint) {
    long jobKey = job.getKey();
    long instanceKey = job.getProcessInstanceKey();
    instanceOfJob.put(jobKey, instanceKey);
    completesInFlight.incrementAndGet();
    jobClient
        .newCompleteCommand(jobKey)
        .requestTimeout(REQUEST_TIMEOUT)
        .send()
        .whenComplete(
            (ok, error) -> {
              try {
                if (error == null) {
                  completedByJob.merge(jobKey, 1, Integer::sum);
                  completedByInstance.merge(instanceKey, 1, Integer::sum);
                  if (completed.incrementAndGet() >= KILL_AFTER_COMPLETIONS) {
                    killPoint.complete(null);
                  }
                } else {
                  int status = httpStatus(error);
                  if (status > 0) {
                    rejectedByJob.put(jobKey, "HTTP " + status);
                  } else {
                    inDoubtByJob.put(jobKey, instanceKey);
                  }
                }
              } finally {
                completesInFlight.decrementAndGet();
              }
            });
  }

  /** Activates jobs of {@code type} until there is one for each of {@code instances}: job key to instance key. */
  /**
   * Activates jobs of {@code type} until there is one for each of {@code instances}, or {@link
   * #PHASE_TIMEOUT} has passed (noted): job key to instance key, for the caller to check.
   */
  private Map<Long, Long> activateAll(String type, List<Long> instances, Duration timeout) {
    Map<Long, Long> jobs = new ConcurrentHashMap<>();
    try {
      await("a " + type + " job for each of " + instances.size() + " instances")
          .atMost(PHASE_TIMEOUT)
          .pollInterval(Duration.ofMillis(200))
          .until(
              () -> {
                for (ActivatedJob job : activateOnce(type, timeout, Duration.ofSeconds(5))) {
                  if (jobs.put(job.getKey(), job.getProcessInstanceKey()) != null) {
                    notes.add(type + " job " + job.getKey() + " handed out twice while its activation ran");
                  }
                }
                return new HashSet<>(jobs.values()).containsAll(instances);
              });
    } catch (ConditionTimeoutException e) {
      notes.add("only " + new HashSet<>(jobs.values()).size() + " of " + instances.size() + " " + type
          + " instances had a job handed out within " + PHASE_TIMEOUT.toSeconds() + " s");
    }
    return jobs;
  }

  private List<ActivatedJob> activateOnce(String type, Duration timeout, Duration requestTimeout) {
    return client
        .newActivateJobsCommand()
        .jobType(type)
        .maxJobsToActivate(100)
        .timeout(timeout)
        .workerName("crash-test")
        .requestTimeout(requestTimeout)
        .send()
        .join()
        .getJobs();
  }

  /** Activates and completes crash-work jobs until none is left, recording each completion. */
  private void drainWork() {
    List<ActivatedJob> batch;
    do {
      batch = activateOnce(WORK, Duration.ofMinutes(10), Duration.ofSeconds(3));
      for (ActivatedJob job : batch) {
        notes.add("crash-work job " + job.getKey() + " of instance " + job.getProcessInstanceKey() + " still open at the end");
        deliveriesRun2.merge(job.getKey(), 1, Integer::sum);
        complete(client, job, completedRun2, new CompletableFuture<>());
      }
      await("completions settled").atMost(REQUEST_TIMEOUT).until(() -> completesInFlight.get() == 0);
    } while (!batch.isEmpty());
  }

  /** Completes the given jobs; failures are noted (and show up in the checks that follow). */
  private void completeAll(String type, Set<Long> jobKeys) {
    Map<Long, CompletableFuture<?>> completions = new TreeMap<>();
    for (long key : jobKeys) {
      completions.put(key, client.newCompleteCommand(key).requestTimeout(REQUEST_TIMEOUT).send().toCompletableFuture());
    }
    completions.forEach(
        (key, completion) -> {
          try {
            completion.join();
          } catch (CompletionException e) {
            notes.add("completing " + type + " job " + key + " failed: " + describe(e));
          }
        });
  }

  /** Acknowledged crash-work instances with neither an acknowledged nor an in-doubt completion. */
  private Set<Long> unsettled() {
    Set<Long> settled = new HashSet<>(completedByInstance.keySet());
    settled.addAll(inDoubtByJob.values());
    Set<Long> open = new HashSet<>(acknowledgedWork);
    open.removeAll(settled);
    return open;
  }

  // ------------------------------------------------------------------ search (E5), if served

  /**
   * The state of each of {@code keys} by {@code POST /v2/process-instances/search}, once all are
   * COMPLETED (search may lag behind), or empty when the engine does not serve the endpoint.
   */
  private Optional<Map<Long, ProcessInstanceState>> awaitSearchedCompleted(Set<Long> keys) {
    try {
      searchStates();
    } catch (RuntimeException e) {
      int status = httpStatus(e);
      if (status == 404 || status == 405 || status == 501) {
        notes.add("process-instance search answered HTTP " + status);
        return Optional.empty();
      }
      throw e;
    }
    Map<Long, ProcessInstanceState> result = new HashMap<>();
    try {
      await("search reporting every instance COMPLETED")
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofSeconds(1))
          .until(
              () -> {
                Map<Long, ProcessInstanceState> states = searchStates();
                result.clear();
                keys.forEach(key -> result.put(key, states.get(key)));
                return result.values().stream().allMatch(ProcessInstanceState.COMPLETED::equals);
              });
    } catch (ConditionTimeoutException e) {
      // the assertion on the returned states says which ones
    }
    return Optional.of(result);
  }

  private Map<Long, ProcessInstanceState> searchStates() {
    Map<Long, ProcessInstanceState> states = new HashMap<>();
    for (String processId : List.of(WORK, TIMER, SLOW)) {
      int from = 0;
      while (true) {
        int offset = from;
        SearchResponse<ProcessInstance> page =
            client
                .newProcessInstanceSearchRequest()
                .filter(f -> f.processDefinitionId(processId))
                .page(p -> p.from(offset).limit(100))
                .requestTimeout(REQUEST_TIMEOUT)
                .send()
                .join();
        page.items().forEach(i -> states.put(i.getProcessInstanceKey(), i.getState()));
        from += page.items().size();
        Long total = page.page() == null ? null : page.page().totalItems();
        if (page.items().isEmpty() || (total != null && from >= total)) {
          break;
        }
      }
    }
    return states;
  }

  // ------------------------------------------------------------------ helpers

  private CamundaClient newClient() {
    URI rest = app.baseUri();
    return CamundaClient.newClientBuilder()
        .applyEnvironmentVariableOverrides(false)
        .restAddress(rest)
        .grpcAddress(URI.create("http://localhost:" + AppProcess.freePort())) // never used: REST only
        .preferRestOverGrpc(true)
        .credentialsProvider(app.engineCredentials())
        .useDefaultRetryPolicy(false) // see every outcome as it is
        .defaultRequestTimeout(REQUEST_TIMEOUT)
        .build();
  }

  /** The HTTP status the engine answered with, or 0 when there was no answer (connection lost). */
  private static int httpStatus(Throwable error) {
    Throwable t = error;
    for (int depth = 0; t != null && depth < 10; depth++, t = t.getCause()) {
      if (t instanceof ClientHttpException http) {
        return http.code();
      }
    }
    return 0;
  }

  private static String describe(Throwable error) {
    Throwable t = error;
    while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
      t = t.getCause();
    }
    int status = httpStatus(t);
    return status > 0 ? "HTTP " + status : t.getClass().getSimpleName();
  }

  private static Map<Long, Integer> filterAbove(Map<Long, Integer> counts, int limit) {
    return counts.entrySet().stream()
        .filter(e -> e.getValue() > limit)
        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, TreeMap::new));
  }
}

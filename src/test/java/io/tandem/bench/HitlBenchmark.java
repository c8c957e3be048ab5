package io.tandem.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tandem.models.LabelledExample;
import io.tandem.models.LabelledTsv;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;

/**
 * Human-in-the-loop benchmark (not a test; it never fails on a number): pushes labelled texts as
 * cases through the {@code ai-decision-review} process of a running Tandem, with its embedded
 * model, while simulated reviewers answer the review tasks through Tandem's API. Run it with
 * {@code bench/hitl.sh}, which builds, starts Tandem on a fresh data directory and stops it again.
 *
 * <p>What it does:
 * <ol>
 *   <li>Reads a labelled TSV ({@code text<TAB>label}, e.g. the SMS Spam Collection, whose labels
 *       are coded {@code 0} = spam, {@code 1} = ham: see {@code labels}) and picks {@code cases}
 *       messages: a seeded random sample without replacement ({@code sample=random}, the default),
 *       or the first ones in file order ({@code sample=first}). A seeded draw gives each case a
 *       {@code riskClass}: {@code critical} with probability {@code critical}, {@code high} with
 *       probability {@code high}, else {@code low}, so that every route of the triage is taken.
 *       {@code warmup} further messages run first, through the same reviewers, and are not counted.</li>
 *   <li>Keeps at most {@code concurrency} cases in flight: a case is in flight from its {@code POST
 *       /api/cases} until it is seen {@code DECIDED}. Each accepted case is polled with {@code GET
 *       /api/cases/{id}} every {@code poll} ms by a pool of {@code pollThreads} threads, so the
 *       polling load is about {@code concurrency * 1000 / poll} requests/s.</li>
 *   <li>{@code reviewers} simulated reviewers (named {@code sim-reviewer-NN}) each poll {@code GET
 *       /api/tasks?group=experts} and {@code ?group=reviewers} (most urgent first, {@code queueLimit}
 *       tasks), claim a task in the benchmark (as a tasklist claim would, so two never work on the
 *       same task), wait a uniform {@code answerDelay} ms, and answer it with {@code POST
 *       /api/tasks/{key}/answer}: the case's true label with probability {@code accuracy}, else the
 *       other label (seeded per case and reviewer). Four eyes: a reviewer takes no task of a case
 *       on which they already answered; should the API still answer 409, the task is released
 *       for another reviewer. A queue empty of workable tasks is polled again after
 *       {@code reviewerIdle} ms.</li>
 *   <li>Prints cases/s, the share per route, the decision accuracy against the true labels (overall
 *       and per route), the model's own accuracy, and p50/p90/p99 time to decision for automated
 *       ({@code decidedBy = model}) and for human-reviewed cases ({@code human}, {@code consensus},
 *       {@code expert}). Time to decision is measured from the submission's 201 to the poll that
 *       first sees the case decided (so it includes up to one poll interval), and for comparison on
 *       the server's clock, from the case's {@code createdAt} to its {@code decidedAt}.</li>
 * </ol>
 *
 * <p>Options, as {@code --name=value} arguments (names may also be kebab-case, e.g.
 * {@code --answer-delay}) or {@code -Dbench.name=value} system properties:
 *
 * <pre>
 *   address       Tandem's base URL                                   http://localhost:8080
 *   data          labelled TSV, text TAB label                        ../shared/datasets/sms-spam/sms.tsv
 *   labels        label renames, code=label,...                       0=spam,1=ham
 *   flow          flow to submit to                                   spam-review
 *   cases         measured cases                                      1000
 *   sample        random (seeded sample) or first (file order)        random
 *   warmup        cases run first and not counted                     50
 *   concurrency   cases in flight (submitted, not yet seen decided)   16
 *   reviewers     simulated reviewers (groups reviewers and experts)  8
 *   answerDelay   ms a reviewer takes per answer: min-max or fixed    0-50
 *   accuracy      probability a reviewer gives the true label         0.95
 *   high          share of riskClass high (consensus of three)        0.10
 *   critical      share of riskClass critical (expert)                0.02
 *   seed          seed of the sample, risk mix and reviewers          42
 *   poll          ms between status polls of a pending case           200
 *   pollThreads   threads polling case status                         4
 *   queueLimit    tasks a reviewer fetches per queue poll             25
 *   reviewerIdle  ms a reviewer waits when it found nothing to do     200
 *   timeout       s to wait for the last decisions after submitting   300
 *   progress      progress line every n s; 0 = off                    5
 * </pre>
 */
public final class HitlBenchmark {

  private static final String PROCESS_ID = "ai-decision-review";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> HUMAN = Set.of("human", "consensus", "expert");
  private static final List<String> ROUTES = List.of("auto-accept", "single-review", "consensus-review", "expert-review");

  private final Options options;
  private static final String AUTHORIZATION = BenchCredentials.basicHeader();
  private final HttpClient http;
  private final ScheduledExecutorService pollers;
  /** The benchmark's knowledge of each case it submitted, by case id. */
  private final Map<String, Item> byCaseId = new ConcurrentHashMap<>();
  /** Tasks a simulated reviewer has taken (a tasklist claim); released again after a 409. */
  private final Set<Long> claimedTasks = ConcurrentHashMap.newKeySet();
  private final Map<Long, AtomicInteger> taskAttempts = new ConcurrentHashMap<>();
  private final LongAdder answersGiven = new LongAdder();
  private final LongAdder answersCorrect = new LongAdder();
  private final LongAdder conflicts = new LongAdder();
  private final LongAdder tasksGone = new LongAdder();
  private final LongAdder queuePolls = new LongAdder();
  private final LongAdder statusPolls = new LongAdder();
  private final LongAdder foreignTasks = new LongAdder();
  private final Map<String, LongAdder> errorKinds = new ConcurrentHashMap<>();
  private final LongAdder errors = new LongAdder();
  private volatile boolean reviewersStop;

  private HitlBenchmark(Options options) {
    this.options = options;
    this.http = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5))
        .build();
    this.pollers = Executors.newScheduledThreadPool(options.pollThreads, daemon("status-poll"));
  }

  public static void main(String[] args) {
    int status;
    try {
      Options options = Options.parse(args);
      status = new HitlBenchmark(options).run();
    } catch (IllegalArgumentException e) {
      System.out.println("bench: " + e.getMessage());
      status = 2;
    } catch (Exception e) {
      System.out.println("bench: aborted: " + kind(e));
      e.printStackTrace(System.err);
      status = 2;
    }
    System.exit(status);
  }

  // ------------------------------------------------------------------ the run

  private int run() throws Exception {
    System.err.printf(Locale.ROOT, "bench: %s%n", options);
    Workload workload = Workload.load(options);
    System.err.printf(Locale.ROOT, "bench: %s%n", workload.describe());
    awaitDeployed();

    List<Thread> reviewers = startReviewers();
    try {
      if (!workload.warmup.isEmpty()) {
        System.err.printf(Locale.ROOT, "bench: warm-up with %d cases (not counted)%n", workload.warmup.size());
        Phase warm = drive(workload.warmup, "warm-up");
        if (warm.undecided() > 0) {
          System.err.printf(Locale.ROOT, "bench: %d warm-up cases undecided%n", warm.undecided());
        }
      }
      Counters before = counters();
      Phase measured = drive(workload.measured, "measure");
      Counters during = counters().minus(before);
      System.out.println(summarize(workload, measured, during));
    } finally {
      reviewersStop = true;
      for (Thread reviewer : reviewers) {
        reviewer.join(5_000);
      }
      pollers.shutdownNow();
    }
    return 0;
  }

  /** Waits until the flow's process is deployed (the app deploys once it is ready, after health UP). */
  private void awaitDeployed() throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    String last = "no answer";
    while (System.nanoTime() < deadline) {
      try {
        HttpResponse<String> response = post("/v2/process-definitions/search",
            Map.of("filter", Map.of("processDefinitionId", PROCESS_ID)));
        if (response.statusCode() == 200 && JSON.readTree(response.body()).path("items").size() > 0) {
          return;
        }
        last = response.statusCode() + " " + abbreviate(response.body());
      } catch (IOException e) {
        last = kind(e);
      }
      Thread.sleep(500);
    }
    throw new IllegalStateException("process " + PROCESS_ID + " not deployed after 120 s (last: " + last + ")");
  }

  // ------------------------------------------------------------------ submitting and waiting

  /** Submits the items with at most {@code concurrency} in flight and waits for their decisions. */
  private Phase drive(List<Item> items, String name) throws InterruptedException {
    Phase phase = new Phase(items);
    Semaphore inFlight = new Semaphore(options.concurrency);
    long start = System.nanoTime();
    phase.startedAt = start;
    long nextProgress = start + TimeUnit.SECONDS.toNanos(options.progress);
    for (Item item : items) {
      while (!inFlight.tryAcquire(200, TimeUnit.MILLISECONDS)) {
        nextProgress = progress(phase, name, start, nextProgress, options.concurrency - inFlight.availablePermits());
      }
      nextProgress = progress(phase, name, start, nextProgress, options.concurrency - inFlight.availablePermits());
      submit(item, phase, inFlight);
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(options.timeout);
    while (!phase.done.await(200, TimeUnit.MILLISECONDS)) {
      nextProgress = progress(phase, name, start, nextProgress, options.concurrency - inFlight.availablePermits());
      if (System.nanoTime() > deadline) {
        break;
      }
    }
    phase.endedAt = System.nanoTime();
    phase.stop();
    progress(phase, name, start, 0, options.concurrency - inFlight.availablePermits());
    return phase;
  }

  private void submit(Item item, Phase phase, Semaphore inFlight) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("flow", options.flow);
    body.put("payload", Map.of("text", item.text));
    body.put("metadata", Map.of("riskClass", item.riskClass));
    HttpRequest request;
    try {
      request = HttpRequest.newBuilder(options.address.resolve("/api/cases")).header("Authorization", AUTHORIZATION)
          .timeout(Duration.ofSeconds(60))
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)))
          .build();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    phase.submitted.increment();
    http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, error) -> {
      long acceptedAt = System.nanoTime();
      try {
        if (error != null || response.statusCode() != 201) {
          countError("submit: " + (error != null ? kind(error) : "HTTP " + response.statusCode() + " " + abbreviate(response.body())));
          inFlight.release();
          phase.failed(item);
          return;
        }
        String id = JSON.readTree(response.body()).path("id").asText();
        item.caseId = id;
        item.acceptedAt = acceptedAt;
        byCaseId.put(id, item);
        phase.accepted.increment();
        pollers.schedule(() -> poll(item, phase, inFlight), options.poll, TimeUnit.MILLISECONDS);
      } catch (IOException | RuntimeException e) {
        countError("submit: " + kind(e));
        inFlight.release();
        phase.failed(item);
      }
    });
  }

  /** One status poll of a pending case; reschedules itself until the case is decided. */
  private void poll(Item item, Phase phase, Semaphore inFlight) {
    if (phase.stopped) {
      return;
    }
    try {
      statusPolls.increment();
      HttpResponse<String> response = get("/api/cases/" + item.caseId);
      long seenAt = System.nanoTime();
      if (response.statusCode() == 200) {
        JsonNode c = JSON.readTree(response.body());
        if ("DECIDED".equals(c.path("status").asText())) {
          item.decided(c, seenAt);
          inFlight.release();
          phase.decided(item);
          return;
        }
        item.lastSeen = c;
      } else {
        countError("status poll: HTTP " + response.statusCode());
      }
    } catch (IOException | RuntimeException e) {
      countError("status poll: " + kind(e));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    if (!phase.stopped && !pollers.isShutdown()) {
      pollers.schedule(() -> poll(item, phase, inFlight), options.poll, TimeUnit.MILLISECONDS);
    }
  }

  private long progress(Phase phase, String name, long start, long nextProgress, int inFlight) {
    long now = System.nanoTime();
    if (options.progress <= 0 || (nextProgress != 0 && now < nextProgress)) {
      return nextProgress;
    }
    System.err.printf(Locale.ROOT,
        "bench: %4ds %-7s submitted %d, decided %d, in flight %d, answers %d, 409s %d, errors %d%n",
        TimeUnit.NANOSECONDS.toSeconds(now - start), name, phase.submitted.sum(), phase.decidedCount.get(),
        inFlight, answersGiven.sum(), conflicts.sum(), errors.sum());
    return now + TimeUnit.SECONDS.toNanos(options.progress);
  }

  // ------------------------------------------------------------------ simulated reviewers

  private List<Thread> startReviewers() {
    List<Thread> threads = new ArrayList<>();
    for (int i = 1; i <= options.reviewers; i++) {
      Reviewer reviewer = new Reviewer(i);
      Thread thread = new Thread(reviewer::work, reviewer.name);
      thread.setDaemon(true);
      thread.start();
      threads.add(thread);
    }
    return threads;
  }

  private final class Reviewer {
    final int index;
    final String name;
    final Random delays;

    Reviewer(int index) {
      this.index = index;
      this.name = String.format(Locale.ROOT, "sim-reviewer-%02d", index);
      this.delays = new Random(options.seed * 7919 + index);
    }

    void work() {
      while (!reviewersStop) {
        boolean worked = false;
        try {
          List<JsonNode> queue = new ArrayList<>(queue("experts"));
          queue.addAll(queue("reviewers"));
          for (JsonNode task : queue) {
            if (reviewersStop) {
              return;
            }
            worked |= tryTask(task);
          }
        } catch (IOException | RuntimeException e) {
          countError("task queue: " + kind(e));
        } catch (InterruptedException e) {
          return;
        }
        if (!worked) {
          sleep(options.reviewerIdle);
        }
      }
    }

    private List<JsonNode> queue(String group) throws IOException, InterruptedException {
      queuePolls.increment();
      HttpResponse<String> response = get("/api/tasks?group=" + group + "&limit=" + options.queueLimit);
      if (response.statusCode() != 200) {
        countError("task queue: HTTP " + response.statusCode());
        return List.of();
      }
      List<JsonNode> tasks = new ArrayList<>();
      JSON.readTree(response.body()).forEach(tasks::add);
      return tasks;
    }

    /** Claims, answers and releases one task if this reviewer may take it; true if it tried. */
    private boolean tryTask(JsonNode task) throws InterruptedException {
      long taskKey = task.path("taskKey").asLong();
      Item item = byCaseId.get(task.path("caseId").asText(""));
      if (item == null) {
        foreignTasks.increment(); // not ours (or its 201 not processed yet): leave it
        return false;
      }
      synchronized (item) { // four eyes: one answer per reviewer and case
        if (item.reviewers.contains(name) || !claimedTasks.add(taskKey)) {
          return false;
        }
        item.reviewers.add(name);
      }
      sleep(delay());
      String answer = answerFor(item);
      Map<String, Object> body = Map.of("reviewer", name, "answer", answer, "reason", "simulated reviewer");
      HttpResponse<String> response;
      try {
        response = post("/api/tasks/" + taskKey + "/answer", body);
      } catch (IOException e) {
        countError("answer: " + kind(e));
        release(taskKey);
        return true;
      }
      switch (response.statusCode()) {
        case 204 -> {
          answersGiven.increment();
          if (answer.equals(item.label)) {
            answersCorrect.increment();
          }
          item.answers.incrementAndGet();
        }
        case 409 -> {
          // four eyes (this reviewer already answered on the case) or the task was answered:
          // either way not this reviewer's to answer; another one may take it
          conflicts.increment();
          release(taskKey);
        }
        case 404 -> tasksGone.increment(); // completed or cancelled meanwhile (e.g. an SLA timer)
        default -> {
          countError("answer: HTTP " + response.statusCode() + " " + abbreviate(response.body()));
          release(taskKey);
        }
      }
      return true;
    }

    /** Lets another reviewer take the task, a few times at most. */
    private void release(long taskKey) {
      if (taskAttempts.computeIfAbsent(taskKey, k -> new AtomicInteger()).incrementAndGet() < 5) {
        claimedTasks.remove(taskKey);
      }
    }

    /** The true label with probability {@code accuracy}, else another one; seeded per case and reviewer. */
    private String answerFor(Item item) {
      SplittableRandom random = new SplittableRandom(options.seed * 1_000_003L + item.index * 10_007L + index);
      if (random.nextDouble() < options.accuracy) {
        return item.label;
      }
      List<String> others = options.flowLabels.stream().filter(l -> !l.equals(item.label)).toList();
      return others.get(random.nextInt(others.size()));
    }

    private long delay() {
      return options.delayMin + (options.delayMax > options.delayMin
          ? delays.nextInt(options.delayMax - options.delayMin + 1) : 0);
    }
  }

  // ------------------------------------------------------------------ results

  private String summarize(Workload workload, Phase phase, Counters during) {
    List<Item> decided = phase.decidedItems();
    double decidedSeconds = (phase.lastDecidedAt - phase.startedAt) / 1e9;
    int n = decided.size();
    List<String[]> rows = new ArrayList<>();
    row(rows, "tandem", options.address + ", flow " + options.flow + " (process " + PROCESS_ID + ", embedded model)");
    row(rows, "data", workload.describe());
    row(rows, "risk mix", workload.riskMix() + "  (seeded draw: high " + percent(options.high)
        + ", critical " + percent(options.critical) + ")");
    row(rows, "load", options.concurrency + " cases in flight at most (submitted, not yet seen decided); status poll every "
        + options.poll + " ms");
    row(rows, "reviewers", options.reviewers + " simulated (groups reviewers + experts), answer delay "
        + options.delayMin + "-" + options.delayMax + " ms, accuracy " + options.accuracy + ", seed " + options.seed);
    row(rows, "", "");
    row(rows, "cases", String.format(Locale.ROOT, "%d submitted, %d accepted (201), %d decided, %d undecided, %d refused",
        phase.submitted.sum(), phase.accepted.sum(), n, phase.undecided(), phase.refused.sum()));
    row(rows, "wall time", String.format(Locale.ROOT, "%.1f s (first submission to last decision seen)", decidedSeconds));
    row(rows, "throughput", String.format(Locale.ROOT, "%.2f cases/s decided", n / Math.max(decidedSeconds, 1e-9)));
    row(rows, "", "");

    Map<String, List<Item>> byRoute = new TreeMap<>(
        java.util.Comparator.comparingInt(HitlBenchmark::order).thenComparing(java.util.Comparator.naturalOrder()));
    decided.forEach(item -> byRoute.computeIfAbsent(item.route == null ? "(none)" : item.route, k -> new ArrayList<>()).add(item));
    for (Map.Entry<String, List<Item>> route : byRoute.entrySet()) {
      List<Item> items = route.getValue();
      Map<String, Long> by = items.stream().collect(Collectors.groupingBy(i -> i.decidedBy, TreeMap::new, Collectors.counting()));
      Map<String, Long> rules = items.stream().collect(Collectors.groupingBy(i -> i.rule, TreeMap::new, Collectors.counting()));
      row(rows, "route " + route.getKey(), String.format(Locale.ROOT,
          "%4d  %6s   decision accuracy %s   model %s   decided by %s   rules %s",
          items.size(), percent(items.size(), n), accuracy(items, true), accuracy(items, false), by, rules));
    }
    for (String route : ROUTES) {
      if (!byRoute.containsKey(route)) {
        row(rows, "route " + route, "   0");
      }
    }
    long toPeople = decided.stream().filter(i -> !"auto-accept".equals(i.route)).count();
    row(rows, "routed to people", String.format(Locale.ROOT, "%d (%s)", toPeople, percent(toPeople, n)));
    long escalated = decided.stream().filter(i -> "consensus-review".equals(i.route) && "expert".equals(i.decidedBy)).count();
    row(rows, "consensus -> expert", escalated + " (no quorum among the three)");
    row(rows, "", "");
    row(rows, "decision accuracy", accuracy(decided, true) + "  (final decision vs true label, all decided cases)");
    long holds = decided.stream().filter(i -> !options.flowLabels.contains(i.decision)).count();
    if (holds > 0) {
      row(rows, "non-label decisions", holds + " (e.g. the safe default after a missed SLA; counted wrong)");
    }
    row(rows, "model-only accuracy", accuracy(decided, false) + "  (the model's prediction vs true label, all decided cases)");
    List<Item> human = decided.stream().filter(i -> HUMAN.contains(i.decidedBy)).toList();
    List<Item> automated = decided.stream().filter(i -> "model".equals(i.decidedBy)).toList();
    row(rows, "  on automated", "decision " + accuracy(automated, true));
    row(rows, "  on human-reviewed", "decision " + accuracy(human, true) + ", model alone " + accuracy(human, false));
    row(rows, "", "");
    row(rows, "time to decision (ms)", "201 -> seen DECIDED (poll every " + options.poll + " ms)   |  server createdAt -> decidedAt");
    row(rows, "  automated", latencies(automated));
    row(rows, "  human-reviewed", latencies(human));
    List<Item> other = decided.stream().filter(i -> !"model".equals(i.decidedBy) && !HUMAN.contains(i.decidedBy)).toList();
    if (!other.isEmpty()) {
      row(rows, "  other", latencies(other) + " " + other.stream().map(i -> i.decidedBy).distinct().toList());
    }
    row(rows, "", "");
    row(rows, "reviewer answers", String.format(Locale.ROOT, "%d given (%s gave the true label), %d 409s seen, %d tasks gone (404)",
        during.answers, during.answers == 0 ? "-" : percent(during.correct, during.answers), during.conflicts, during.gone));
    row(rows, "requests", String.format(Locale.ROOT, "%d status polls, %d task-queue polls", during.statusPolls, during.queuePolls));
    row(rows, "errors", String.valueOf(during.errors));
    if (!errorKinds.isEmpty()) {
      row(rows, "error kinds", errorKinds.entrySet().stream()
          .sorted((a, b) -> Long.compare(b.getValue().sum(), a.getValue().sum()))
          .limit(5).map(e -> e.getValue().sum() + " x " + e.getKey()).collect(Collectors.joining("; ")));
    }
    List<Item> undecided = phase.undecidedItems();
    if (!undecided.isEmpty()) {
      row(rows, "undecided cases", undecided.stream().limit(10).map(Item::describePending).collect(Collectors.joining("; "))
          + (undecided.size() > 10 ? "; ..." : ""));
    }
    row(rows, "", "");
    row(rows, "cores", Runtime.getRuntime().availableProcessors() + " (Tandem, its PostgreSQL and this benchmark share them)");
    cpuModel().ifPresent(cpu -> row(rows, "cpu", cpu));
    row(rows, "load average", String.format(Locale.ROOT, "%.2f (1 min, at the end)",
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));

    int width = rows.stream().mapToInt(r -> r[0].length()).max().orElse(10) + 2;
    StringBuilder text = new StringBuilder();
    String rule = "=".repeat(24);
    text.append(rule).append(" Tandem HITL benchmark ").append(rule).append('\n');
    for (String[] row : rows) {
      text.append(row[0].isEmpty() ? "\n" : String.format(Locale.ROOT, "%-" + width + "s%s%n", row[0], row[1]));
    }
    text.append("=".repeat(rule.length() * 2 + 23));
    return text.toString();
  }

  private static int order(String route) {
    int i = ROUTES.indexOf(route);
    return i < 0 ? ROUTES.size() : i;
  }

  private String accuracy(List<Item> items, boolean decision) {
    if (items.isEmpty()) {
      return "-";
    }
    long right = items.stream().filter(i -> i.label.equals(decision ? i.decision : i.prediction)).count();
    return String.format(Locale.ROOT, "%.4f (%d/%d)", right / (double) items.size(), right, items.size());
  }

  private static String latencies(List<Item> items) {
    if (items.isEmpty()) {
      return "no cases";
    }
    long[] seen = items.stream().mapToLong(i -> i.seenAt - i.acceptedAt).sorted().toArray();
    long[] server = items.stream().filter(i -> i.serverMillis >= 0).mapToLong(i -> i.serverMillis * 1_000_000).sorted().toArray();
    return String.format(Locale.ROOT, "n %4d  p50 %7.0f  p90 %7.0f  p99 %7.0f  max %7.0f  |  p50 %7.0f  p90 %7.0f  p99 %7.0f",
        seen.length, ms(percentile(seen, .5)), ms(percentile(seen, .9)), ms(percentile(seen, .99)), ms(seen[seen.length - 1]),
        ms(percentile(server, .5)), ms(percentile(server, .9)), ms(percentile(server, .99)));
  }

  private static long percentile(long[] sorted, double q) {
    if (sorted.length == 0) {
      return 0;
    }
    int index = (int) Math.ceil(q * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }

  private static double ms(long nanos) {
    return nanos / 1e6;
  }

  private static String percent(double share) {
    return String.format(Locale.ROOT, "%.0f%%", share * 100);
  }

  private static String percent(long part, long whole) {
    return whole == 0 ? "-" : String.format(Locale.ROOT, "%.1f%%", 100.0 * part / whole);
  }

  private static void row(List<String[]> rows, String key, String value) {
    rows.add(new String[] {key, value});
  }

  private static java.util.Optional<String> cpuModel() {
    try {
      Path cpuinfo = Path.of("/proc/cpuinfo");
      if (!Files.isReadable(cpuinfo)) {
        return java.util.Optional.empty();
      }
      return Files.readAllLines(cpuinfo).stream().filter(l -> l.startsWith("model name"))
          .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst();
    } catch (IOException e) {
      return java.util.Optional.empty();
    }
  }

  private Counters counters() {
    return new Counters(answersGiven.sum(), answersCorrect.sum(), conflicts.sum(), tasksGone.sum(), errors.sum(),
        statusPolls.sum(), queuePolls.sum());
  }

  private record Counters(long answers, long correct, long conflicts, long gone, long errors, long statusPolls, long queuePolls) {
    Counters minus(Counters o) {
      return new Counters(answers - o.answers, correct - o.correct, conflicts - o.conflicts, gone - o.gone,
          errors - o.errors, statusPolls - o.statusPolls, queuePolls - o.queuePolls);
    }
  }

  // ------------------------------------------------------------------ HTTP

  private HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(options.address.resolve(path)).header("Authorization", AUTHORIZATION).timeout(Duration.ofSeconds(30)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String path, Object body) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(options.address.resolve(path)).header("Authorization", AUTHORIZATION).timeout(Duration.ofSeconds(30))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private void countError(String kind) {
    errors.increment();
    errorKinds.computeIfAbsent(kind, k -> new LongAdder()).increment();
  }

  private static void sleep(long millis) {
    if (millis <= 0) {
      return;
    }
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    AtomicInteger count = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, name + "-" + count.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  /** What went wrong, briefly: exception class and the start of the message. */
  private static String kind(Throwable error) {
    Throwable t = error;
    while (t instanceof CompletionException && t.getCause() != null) {
      t = t.getCause();
    }
    if (t instanceof ConnectException) {
      return "connection refused";
    }
    String message = t.getMessage() == null ? "" : t.getMessage().replaceAll("\\s+", " ");
    return abbreviate(t.getClass().getSimpleName() + (message.isEmpty() ? "" : " " + message));
  }

  private static String abbreviate(String s) {
    String oneLine = s == null ? "" : s.replaceAll("\\s+", " ");
    return oneLine.length() > 120 ? oneLine.substring(0, 120) + "..." : oneLine;
  }

  // ------------------------------------------------------------------ cases

  /** One labelled message as a case: what the benchmark knows and what it saw. */
  private static final class Item {
    final int index;
    final String text;
    final String label;
    final String riskClass;
    final Set<String> reviewers = new HashSet<>(); // guarded by this
    final AtomicInteger answers = new AtomicInteger();
    volatile String caseId;
    volatile long acceptedAt;
    volatile long seenAt;
    volatile JsonNode lastSeen;
    String route;
    String rule;
    String decision;
    String decidedBy;
    String prediction;
    long serverMillis = -1;

    Item(int index, String text, String label, String riskClass) {
      this.index = index;
      this.text = text;
      this.label = label;
      this.riskClass = riskClass;
    }

    void decided(JsonNode c, long seenAt) {
      this.seenAt = seenAt;
      this.route = text(c, "route");
      this.rule = text(c, "policyRule");
      this.decidedBy = text(c, "decidedBy");
      this.decision = c.path("decision").path("decision").asText(null);
      this.prediction = text(c, "prediction");
      try {
        this.serverMillis = Duration.between(Instant.parse(c.path("createdAt").asText()),
            Instant.parse(c.path("decidedAt").asText())).toMillis();
      } catch (RuntimeException unparsable) {
        this.serverMillis = -1;
      }
    }

    String describePending() {
      JsonNode c = lastSeen;
      return caseId == null ? "#" + index + " not accepted"
          : caseId + " " + (c == null ? "never polled" : text(c, "status") + " route " + text(c, "route")
              + " rule " + text(c, "policyRule")) + ", " + answers.get() + " answers";
    }

    private static String text(JsonNode node, String field) {
      JsonNode value = node.path(field);
      return value.isMissingNode() || value.isNull() ? null : value.asText();
    }
  }

  /** One batch of cases driven to decision: warm-up or measured. */
  private static final class Phase {
    final List<Item> items;
    final LongAdder submitted = new LongAdder();
    final LongAdder accepted = new LongAdder();
    final LongAdder refused = new LongAdder();
    final AtomicInteger decidedCount = new AtomicInteger();
    final List<Item> decided = Collections.synchronizedList(new ArrayList<>());
    final CountDownLatch done;
    volatile boolean stopped;
    volatile long startedAt;
    volatile long endedAt;
    volatile long lastDecidedAt;

    Phase(List<Item> items) {
      this.items = items;
      this.done = new CountDownLatch(items.size());
    }

    void failed(Item item) {
      refused.increment();
      done.countDown();
    }

    synchronized void decided(Item item) {
      decided.add(item);
      decidedCount.incrementAndGet();
      lastDecidedAt = Math.max(lastDecidedAt, item.seenAt);
      done.countDown();
    }

    void stop() {
      stopped = true;
      if (lastDecidedAt == 0) {
        lastDecidedAt = endedAt;
      }
    }

    List<Item> decidedItems() {
      synchronized (decided) {
        return List.copyOf(decided);
      }
    }

    long undecided() {
      return submitted.sum() - refused.sum() - decidedCount.get();
    }

    /** Accepted (201) but not seen decided. */
    List<Item> undecidedItems() {
      return items.stream().filter(i -> i.caseId != null && i.seenAt == 0).toList();
    }
  }

  /** The messages picked from the TSV: measured cases and warm-up cases, with their risk class. */
  private record Workload(List<Item> measured, List<Item> warmup, int fileSize, long fileSpam, Options options) {

    static Workload load(Options options) {
      Path path = options.data;
      if (!Files.isRegularFile(path)) {
        throw new IllegalArgumentException("no data file " + path.toAbsolutePath());
      }
      List<LabelledExample> all = LabelledTsv.relabel(LabelledTsv.read(path), options.labelRenames);
      Set<String> unknown = all.stream().map(LabelledExample::label).filter(l -> !options.flowLabels.contains(l))
          .collect(Collectors.toCollection(java.util.TreeSet::new));
      if (!unknown.isEmpty()) {
        throw new IllegalArgumentException("labels " + unknown + " in " + path + " are not among the flow's "
            + options.flowLabels + "; map them with --labels=code=label,...");
      }
      List<Integer> order = new ArrayList<>();
      for (int i = 0; i < all.size(); i++) {
        order.add(i);
      }
      if (options.sample.equals("random")) {
        Collections.shuffle(order, new Random(options.seed));
      }
      int measuredCount = Math.min(options.cases, all.size());
      int warmupCount = Math.min(options.warmup, all.size() - measuredCount);
      Random risk = new Random(options.seed + 1);
      List<Item> measured = new ArrayList<>();
      List<Item> warmup = new ArrayList<>();
      for (int k = 0; k < measuredCount + warmupCount; k++) {
        int i = order.get(k < warmupCount ? measuredCount + k : k - warmupCount);
        double u = risk.nextDouble();
        String riskClass = u < options.critical ? "critical" : u < options.critical + options.high ? "high" : "low";
        Item item = new Item(i, all.get(i).text(), all.get(i).label(), riskClass);
        (k < warmupCount ? warmup : measured).add(item);
      }
      long spam = all.stream().filter(e -> e.label().equals("spam")).count();
      return new Workload(measured, warmup, all.size(), spam, options);
    }

    String describe() {
      Map<String, Long> labels = measured.stream().collect(Collectors.groupingBy(i -> i.label, TreeMap::new, Collectors.counting()));
      return String.format(Locale.ROOT, "%s: %d messages (%d spam); %d cases, %s, labels %s; %d warm-up cases",
          options.data, fileSize, fileSpam, measured.size(),
          options.sample.equals("random") ? "a random sample (seed " + options.seed + ")" : "the first in file order",
          labels, warmup.size());
    }

    String riskMix() {
      Map<String, Long> mix = measured.stream().collect(Collectors.groupingBy(i -> i.riskClass, TreeMap::new, Collectors.counting()));
      return mix.entrySet().stream().map(e -> e.getKey() + " " + e.getValue() + " (" + percent(e.getValue(), measured.size()) + ")")
          .collect(Collectors.joining(", "));
    }
  }

  // ------------------------------------------------------------------ options

  record Options(URI address, Path data, Map<String, String> labelRenames, String flow, List<String> flowLabels,
      int cases, String sample, int warmup, int concurrency, int reviewers, int delayMin, int delayMax,
      double accuracy, double high, double critical, long seed, int poll, int pollThreads, int queueLimit,
      int reviewerIdle, int timeout, int progress) {

    static Options parse(String[] args) {
      Map<String, String> given = new LinkedHashMap<>();
      for (String arg : args) {
        if (!arg.startsWith("--") || !arg.contains("=")) {
          throw new IllegalArgumentException("expected --name=value, got " + arg);
        }
        given.put(camel(arg.substring(2, arg.indexOf('='))), arg.substring(arg.indexOf('=') + 1));
      }
      String delay = value(given, "answerDelay", "0-50");
      int[] delays = delay.contains("-")
          ? Arrays.stream(delay.split("-", 2)).mapToInt(s -> Integer.parseInt(s.trim())).toArray()
          : new int[] {Integer.parseInt(delay.trim()), Integer.parseInt(delay.trim())};
      Map<String, String> renames = new LinkedHashMap<>();
      String labels = value(given, "labels", "0=spam,1=ham");
      for (String pair : labels.split(",")) {
        if (pair.contains("=")) {
          renames.put(pair.substring(0, pair.indexOf('=')).trim(), pair.substring(pair.indexOf('=') + 1).trim());
        }
      }
      Options options = new Options(
          URI.create(value(given, "address", "http://localhost:8080")),
          Path.of(value(given, "data", "../shared/datasets/sms-spam/sms.tsv")),
          renames,
          value(given, "flow", "spam-review"),
          List.of(value(given, "flowLabels", "spam,ham").split(",")),
          Integer.parseInt(value(given, "cases", "1000")),
          value(given, "sample", "random"),
          Integer.parseInt(value(given, "warmup", "50")),
          Integer.parseInt(value(given, "concurrency", "16")),
          Integer.parseInt(value(given, "reviewers", "8")),
          delays[0],
          delays[1],
          Double.parseDouble(value(given, "accuracy", "0.95")),
          Double.parseDouble(value(given, "high", "0.10")),
          Double.parseDouble(value(given, "critical", "0.02")),
          Long.parseLong(value(given, "seed", "42")),
          Integer.parseInt(value(given, "poll", "200")),
          Integer.parseInt(value(given, "pollThreads", "4")),
          Integer.parseInt(value(given, "queueLimit", "25")),
          Integer.parseInt(value(given, "reviewerIdle", "200")),
          Integer.parseInt(value(given, "timeout", "300")),
          Integer.parseInt(value(given, "progress", "5")));
      if (!given.isEmpty()) {
        throw new IllegalArgumentException("unknown options " + given.keySet());
      }
      if (options.cases < 1 || options.concurrency < 1 || options.reviewers < 1 || options.poll < 1
          || options.pollThreads < 1 || options.queueLimit < 1 || options.queueLimit > 1000) {
        throw new IllegalArgumentException("cases, concurrency, reviewers, poll, pollThreads must be positive; queueLimit 1-1000");
      }
      if (!options.sample.equals("random") && !options.sample.equals("first")) {
        throw new IllegalArgumentException("sample must be random or first");
      }
      if (options.delayMin < 0 || options.delayMax < options.delayMin) {
        throw new IllegalArgumentException("answerDelay must be min-max with 0 <= min <= max");
      }
      if (options.accuracy < 0 || options.accuracy > 1 || options.high < 0 || options.critical < 0
          || options.high + options.critical > 1) {
        throw new IllegalArgumentException("accuracy, high and critical are probabilities (high + critical <= 1)");
      }
      if (options.reviewers < 4) {
        System.err.println("bench: warning: fewer than 4 reviewers cannot settle a consensus disagreement"
            + " (three reviewers plus a fourth expert, four eyes): such cases stay undecided");
      }
      return options;
    }

    private static String camel(String name) {
      StringBuilder out = new StringBuilder();
      boolean upper = false;
      for (char c : name.toCharArray()) {
        if (c == '-') {
          upper = true;
        } else {
          out.append(upper ? Character.toUpperCase(c) : c);
          upper = false;
        }
      }
      return out.toString();
    }

    /** Takes {@code name} out of {@code given}, else {@code -Dbench.name}, else the default. */
    private static String value(Map<String, String> given, String name, String fallback) {
      String arg = given.remove(name);
      return arg != null ? arg : System.getProperty("bench." + name, fallback);
    }

    @Override
    public String toString() {
      return String.format(Locale.ROOT,
          "address=%s data=%s cases=%d sample=%s warmup=%d concurrency=%d reviewers=%d answerDelay=%d-%dms accuracy=%s"
              + " high=%s critical=%s seed=%d poll=%dms",
          address, data, cases, sample, warmup, concurrency, reviewers, delayMin, delayMax, accuracy, high, critical,
          seed, poll);
    }
  }
}

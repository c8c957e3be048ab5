package io.tandem.bench;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.ClientHttpException;
import io.camunda.client.api.worker.JobWorker;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.tandem.testsupport.QuietLogging;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;

/**
 * Throughput and end-to-end latency of the engine through the Camunda client, over the REST API v2
 * or the gRPC gateway (optionally with job streaming): a benchmark, not
 * a test; it never fails on time. Run it with {@code bench/engine.sh}, which builds, starts Tandem
 * on a fresh data directory and stops it again.
 *
 * <p>It deploys {@code start -> service task (type "bench") -> end}, opens job workers that
 * complete every job at once, and creates instances with {@code withResult()} (await completion),
 * so that each create call returns when its instance has completed: the time from sending the
 * create to its answer is the create-to-complete latency. Instances are created as fast as the
 * in-flight bound allows, or at a target rate; a warm-up period runs first and is not counted.
 *
 * <p>Options, as {@code --name=value} arguments or {@code -Dbench.name=value} system properties:
 *
 * <pre>
 *   address        REST address of the engine          http://localhost:8080
 *   warmup         warm-up seconds (not measured)      120 (the JIT, on two busy cores)
 *   duration       measured seconds                    30
 *   concurrency    instances in flight at most         200
 *   rate           target creates/s; 0 = max           0
 *   workers        job workers                         4
 *   maxJobsActive  per worker                          32
 *   requestTimeout seconds a create may await its end  60
 *   progress       progress line every n s; 0 = off    5
 *   transport      rest or grpc                        rest
 *   grpcAddress    gRPC address of the engine          http://localhost:26500
 *   stream         job streaming (grpc only)           false
 *   steps          time the create-to-job step too     false (each create then carries a variable)
 * </pre>
 */
public final class EngineBenchmark {

  private static final String PROCESS_ID = "bench-process";
  private static final String JOB_TYPE = "bench";
  /** The create's send time (this JVM's nanoTime), carried to the job as a variable. */
  private static final String SENT_AT = "benchSentAt";

  private final Options options;
  private final Semaphore inFlight;
  private final Latencies latencies = new Latencies();
  /** Per step: create sent to its job in a worker's hands (create + activation or push). */
  private final Latencies toJob = new Latencies();
  /** Per step: complete sent to its answer. */
  private final Latencies completion = new Latencies();
  private final LongAdder completedInWindow = new LongAdder();
  private final LongAdder errorsInWindow = new LongAdder();
  private final LongAdder errorsOutsideWindow = new LongAdder();
  private final LongAdder completedTotal = new LongAdder();
  private final LongAdder jobsCompleted = new LongAdder();
  private final LongAdder completeErrors = new LongAdder();
  private final Map<String, LongAdder> errorKinds = new ConcurrentHashMap<>();
  private final AtomicLong sent = new AtomicLong();
  private final AtomicLong slotWaits = new AtomicLong();
  private volatile long warmEndNanos;
  private volatile long endNanos;

  private EngineBenchmark(Options options) {
    this.options = options;
    this.inFlight = new Semaphore(options.concurrency);
  }

  public static void main(String[] args) throws Exception {
    QuietLogging.apply();
    Options options = Options.parse(args);
    int status;
    try {
      status = new EngineBenchmark(options).run();
    } catch (RuntimeException e) {
      System.out.println("bench: aborted: " + kind(e));
      status = 2;
    }
    System.exit(status);
  }

  private int run() throws InterruptedException {
    System.err.printf(Locale.ROOT, "bench: %s%n", options);
    List<JobWorker> workers = new ArrayList<>();
    // two clients: creates awaiting completion hold their HTTP connections for the whole instance,
    // and must not starve the workers' activations and completions of connections
    try (CamundaClient workerClient = client(options.workers * 4 + 16, options.workers, Duration.ofSeconds(10));
        CamundaClient driver = client(options.concurrency + 16, 1, options.requestTimeout)) {
      String engine = describeEngine(driver);
      deploy(driver);
      for (int i = 0; i < options.workers; i++) {
        workers.add(openWorker(workerClient, i));
      }
      String smoke = smokeTest(driver);
      if (smoke != null) {
        System.out.println("bench: aborted: one instance did not complete: " + smoke);
        return 2;
      }

      drive(driver);

      System.out.println(summarize(engine));
      workers.forEach(JobWorker::close);
      return 0;
    }
  }

  // ------------------------------------------------------------------ setup

  private CamundaClient client(int connections, int executionThreads, Duration requestTimeout) {
    return CamundaClient.newClientBuilder()
        .applyEnvironmentVariableOverrides(false)
        .restAddress(options.address)
        .credentialsProvider(BenchCredentials.engineClient())
        .grpcAddress(options.grpcAddress)
        .preferRestOverGrpc(!options.grpc)
        .maxHttpConnections(connections)
        .numJobWorkerExecutionThreads(executionThreads)
        .defaultRequestTimeout(requestTimeout)
        .build();
  }

  private static String describeEngine(CamundaClient client) {
    try {
      var topology = client.newTopologyRequest().send().join(10, TimeUnit.SECONDS);
      return "gateway " + topology.getGatewayVersion() + ", " + topology.getPartitionsCount() + " partition(s)";
    } catch (RuntimeException e) {
      return "topology unavailable (" + kind(e) + ")";
    }
  }

  private void deploy(CamundaClient client) {
    BpmnModelInstance process =
        Bpmn.createExecutableProcess(PROCESS_ID)
            .startEvent()
            .serviceTask("work", t -> t.zeebeJobType(JOB_TYPE))
            .endEvent()
            .done();
    client.newDeployResourceCommand().addProcessModel(process, PROCESS_ID + ".bpmn").send().join();
  }

  /** A worker that completes each job at once, asynchronously, so it never blocks its thread. */
  private JobWorker openWorker(CamundaClient client, int index) {
    return client
        .newWorker()
        .jobType(JOB_TYPE)
        .handler(
            (jobClient, job) -> {
              long receivedAt = System.nanoTime();
              if (options.steps && inWindow(receivedAt) && job.getVariablesAsMap().get(SENT_AT) instanceof Number sentAt) {
                toJob.add(receivedAt - sentAt.longValue());
              }
              jobClient
                  .newCompleteCommand(job)
                  .send()
                  .whenComplete(
                      (ok, error) -> {
                        long answeredAt = System.nanoTime();
                        if (error == null) {
                          jobsCompleted.increment();
                          if (inWindow(answeredAt)) {
                            completion.add(answeredAt - receivedAt);
                          }
                        } else {
                          completeErrors.increment();
                          countError("complete: " + kind(error));
                        }
                      });
            })
        .maxJobsActive(options.maxJobsActive)
        .streamEnabled(options.stream)
        .timeout(Duration.ofMinutes(5))
        .pollInterval(Duration.ofMillis(100))
        .requestTimeout(Duration.ofSeconds(10)) // long-polling activation
        .name("bench-worker-" + index)
        .open();
  }

  /** One instance end to end before the clock starts; null when it completed. */
  private String smokeTest(CamundaClient client) {
    try {
      client
          .newCreateInstanceCommand()
          .bpmnProcessId(PROCESS_ID)
          .latestVersion()
          .withResult()
          .requestTimeout(Duration.ofSeconds(30))
          .send()
          .join(40, TimeUnit.SECONDS);
      return null;
    } catch (RuntimeException e) {
      return kind(e);
    }
  }

  // ------------------------------------------------------------------ load

  private void drive(CamundaClient client) throws InterruptedException {
    long start = System.nanoTime();
    warmEndNanos = start + options.warmup.toNanos();
    endNanos = warmEndNanos + options.duration.toNanos();
    long period = options.rate > 0 ? (long) (1_000_000_000L / options.rate) : 0;
    long nextSend = start;
    long nextProgress = start + options.progress.toNanos();
    while (true) {
      long now = System.nanoTime();
      if (now >= endNanos) {
        break;
      }
      if (!options.progress.isZero() && now >= nextProgress) {
        progress(now, start);
        nextProgress += options.progress.toNanos();
      }
      if (period > 0) {
        if (now < nextSend) {
          LockSupport.parkNanos(Math.min(nextSend - now, endNanos - now)); // pacing, not waiting on a condition
          continue;
        }
        nextSend += period;
      }
      if (!inFlight.tryAcquire()) {
        slotWaits.incrementAndGet();
        if (!inFlight.tryAcquire(Math.min(endNanos - now, 100_000_000L), TimeUnit.NANOSECONDS)) {
          continue;
        }
        // the schedule restarts from now: sends missed while waiting are not made up in a burst later,
        // which would push the measured rate above the target
        nextSend = Math.max(nextSend, System.nanoTime());
      }
      sendOne(client);
    }
    // let what is in flight finish; it is not counted
    inFlight.tryAcquire(
        options.concurrency, options.requestTimeout.plusSeconds(10).toNanos(), TimeUnit.NANOSECONDS);
  }

  private void sendOne(CamundaClient client) {
    sent.incrementAndGet();
    long sentAt = System.nanoTime();
    var create = client.newCreateInstanceCommand().bpmnProcessId(PROCESS_ID).latestVersion();
    if (options.steps) {
      create.variables(Map.of(SENT_AT, sentAt));
    }
    create
        .withResult()
        .requestTimeout(options.requestTimeout)
        .send()
        .whenComplete(
            (result, error) -> {
              long doneAt = System.nanoTime();
              inFlight.release();
              boolean measured = inWindow(doneAt);
              if (error == null) {
                completedTotal.increment();
                if (measured) {
                  completedInWindow.increment();
                  latencies.add(doneAt - sentAt);
                }
              } else {
                (measured ? errorsInWindow : errorsOutsideWindow).increment();
                countError("create: " + kind(error));
              }
            });
  }

  private boolean inWindow(long nanos) {
    return nanos >= warmEndNanos && nanos < endNanos;
  }

  private void progress(long now, long start) {
    String phase = now < warmEndNanos ? "warm-up" : "measure";
    System.err.printf(
        Locale.ROOT,
        "bench: %3ds %-7s sent %d, completed %d, in flight %d, errors %d%n",
        TimeUnit.NANOSECONDS.toSeconds(now - start),
        phase,
        sent.get(),
        completedTotal.sum(),
        options.concurrency - inFlight.availablePermits(),
        errorsInWindow.sum() + errorsOutsideWindow.sum() + completeErrors.sum());
  }

  private void countError(String kind) {
    errorKinds.computeIfAbsent(kind, k -> new LongAdder()).increment();
  }

  // ------------------------------------------------------------------ results

  private String summarize(String engine) {
    long[] sorted = latencies.sorted();
    double seconds = options.duration.toNanos() / 1e9;
    long completed = completedInWindow.sum();
    String mode =
        options.rate > 0
            ? String.format(Locale.ROOT, "target rate %.0f/s, at most %d in flight", options.rate, options.concurrency)
            : String.format(Locale.ROOT, "as fast as possible, %d in flight", options.concurrency);
    List<String[]> rows = new ArrayList<>();
    row(rows, "engine", options.address + " (" + engine + ")");
    row(rows, "transport", options.grpc
        ? "gRPC " + options.grpcAddress + (options.stream ? ", workers stream jobs" : ", workers poll") : "REST");
    row(rows, "process", "start -> service task '" + JOB_TYPE + "' -> end; create withResult (awaits completion)");
    row(rows, "load", mode);
    row(rows, "workers", options.workers + " x maxJobsActive " + options.maxJobsActive + ", complete at once");
    row(rows, "warm-up / measured", options.warmup.toSeconds() + " s / " + options.duration.toSeconds() + " s");
    row(rows, "", "");
    row(rows, "throughput", String.format(Locale.ROOT, "%.1f instances/s (%d completed in the measured window)", completed / seconds, completed));
    if (sorted.length > 0) {
      row(rows, 
          "latency (ms)",
          String.format(
              Locale.ROOT,
              "p50 %.1f   p90 %.1f   p99 %.1f   max %.1f   (create -> completed, %d samples)",
              ms(percentile(sorted, 0.50)),
              ms(percentile(sorted, 0.90)),
              ms(percentile(sorted, 0.99)),
              ms(sorted[sorted.length - 1]),
              sorted.length));
      row(rows, "per step (ms)", "create -> job in a worker   "
          + (options.steps ? percentiles(toJob.sorted()) : "not measured (--steps=true)"));
      row(rows, " ", "complete -> answered        " + percentiles(completion.sorted()));
    } else {
      row(rows, "latency (ms)", "no instance completed in the measured window");
    }
    row(rows, 
        "errors",
        String.format(
            Locale.ROOT,
            "%d in the measured window, %d in warm-up/drain, %d failed job completions",
            errorsInWindow.sum(),
            errorsOutsideWindow.sum(),
            completeErrors.sum()));
    if (!errorKinds.isEmpty()) {
      row(rows, 
          "error kinds",
          errorKinds.entrySet().stream()
              .sorted((a, b) -> Long.compare(b.getValue().sum(), a.getValue().sum()))
              .limit(5)
              .map(e -> e.getValue().sum() + " x " + e.getKey())
              .collect(Collectors.joining("; ")));
    }
    if (options.rate > 0) {
      row(rows, "in-flight limit hit", slotWaits.get() + " times (sends then fell behind the target rate)");
    }
    row(rows, "jobs completed", String.valueOf(jobsCompleted.sum()));
    row(rows, "", "");
    row(rows, "cores", Runtime.getRuntime().availableProcessors() + " (available to the benchmark JVM; the engine runs on the same machine)");
    cpuModel().ifPresent(cpu -> row(rows, "cpu", cpu));
    row(rows, "memory", memory());
    row(rows, "os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
    row(rows, 
        "benchmark JVM",
        System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
            + ", max heap " + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MB");
    row(rows, "load average", String.format(Locale.ROOT, "%.2f (1 min, at the end)", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));

    int width = rows.stream().mapToInt(r -> r[0].length()).max().orElse(10) + 2;
    StringBuilder text = new StringBuilder();
    String rule = "=".repeat(24);
    text.append(rule).append(" Tandem engine benchmark ").append(rule).append('\n');
    for (String[] row : rows) {
      text.append(row[0].isEmpty() ? "\n" : String.format(Locale.ROOT, "%-" + width + "s%s%n", row[0], row[1]));
    }
    text.append("=".repeat(rule.length() * 2 + 25));
    return text.toString();
  }

  private static String percentiles(long[] sorted) {
    return sorted.length == 0 ? "no samples" : String.format(Locale.ROOT, "p50 %.1f   p99 %.1f   (%d samples)",
        ms(percentile(sorted, 0.50)), ms(percentile(sorted, 0.99)), sorted.length);
  }

  private static void row(List<String[]> rows, String key, String value) {
    rows.add(new String[] {key, value});
  }

  private static long percentile(long[] sorted, double q) {
    int index = (int) Math.ceil(q * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }

  private static double ms(long nanos) {
    return nanos / 1e6;
  }

  private static java.util.Optional<String> cpuModel() {
    try {
      Path cpuinfo = Path.of("/proc/cpuinfo");
      if (!Files.isReadable(cpuinfo)) {
        return java.util.Optional.empty();
      }
      return Files.readAllLines(cpuinfo).stream()
          .filter(l -> l.startsWith("model name"))
          .map(l -> l.substring(l.indexOf(':') + 1).trim())
          .findFirst();
    } catch (IOException e) {
      return java.util.Optional.empty();
    }
  }

  private static String memory() {
    if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getTotalMemorySize() / (1024 * 1024) + " MB total, " + os.getFreeMemorySize() / (1024 * 1024) + " MB free";
    }
    return "unknown";
  }

  /** What went wrong, briefly: HTTP status or exception class, and the start of the message. */
  private static String kind(Throwable error) {
    Throwable t = error;
    while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
      t = t.getCause();
    }
    String message = t.getMessage() == null ? "" : t.getMessage().replaceAll("\\s+", " ");
    if (message.length() > 100) {
      message = message.substring(0, 100) + "...";
    }
    String prefix = t instanceof ClientHttpException http ? "HTTP " + http.code() : t.getClass().getSimpleName();
    return message.isEmpty() ? prefix : prefix + " " + message;
  }

  /** Latencies in nanoseconds, appended from the client's callback threads. */
  private static final class Latencies {
    private long[] values = new long[1 << 16];
    private int size;

    synchronized void add(long nanos) {
      if (size == values.length) {
        values = Arrays.copyOf(values, size * 2);
      }
      values[size++] = nanos;
    }

    synchronized long[] sorted() {
      long[] copy = Arrays.copyOf(values, size);
      Arrays.sort(copy);
      return copy;
    }
  }

  // ------------------------------------------------------------------ options

  record Options(
      URI address,
      Duration warmup,
      Duration duration,
      int concurrency,
      double rate,
      int workers,
      int maxJobsActive,
      Duration requestTimeout,
      Duration progress,
      URI grpcAddress,
      boolean grpc,
      boolean stream,
      boolean steps) {

    static Options parse(String[] args) {
      Map<String, String> given = new LinkedHashMap<>();
      for (String arg : args) {
        if (!arg.startsWith("--") || !arg.contains("=")) {
          throw new IllegalArgumentException("expected --name=value, got " + arg);
        }
        given.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
      }
      Options options =
          new Options(
              URI.create(value(given, "address", "http://localhost:8080")),
              Duration.ofSeconds(Long.parseLong(value(given, "warmup", "120"))),
              Duration.ofSeconds(Long.parseLong(value(given, "duration", "30"))),
              Integer.parseInt(value(given, "concurrency", "200")),
              Double.parseDouble(value(given, "rate", "0")),
              Integer.parseInt(value(given, "workers", "4")),
              Integer.parseInt(value(given, "maxJobsActive", "32")),
              Duration.ofSeconds(Long.parseLong(value(given, "requestTimeout", "60"))),
              Duration.ofSeconds(Long.parseLong(value(given, "progress", "5"))),
              URI.create(value(given, "grpcAddress", "http://localhost:26500")),
              transport(value(given, "transport", "rest")),
              Boolean.parseBoolean(value(given, "stream", "false")),
              Boolean.parseBoolean(value(given, "steps", "false")));
      if (options.stream && !options.grpc) {
        throw new IllegalArgumentException("--stream=true needs --transport=grpc: job streams are gRPC's");
      }
      if (!given.isEmpty()) {
        throw new IllegalArgumentException("unknown options " + given.keySet());
      }
      if (options.concurrency < 1 || options.workers < 1 || options.maxJobsActive < 1 || options.duration.isZero()) {
        throw new IllegalArgumentException("concurrency, workers, maxJobsActive and duration must be positive");
      }
      return options;
    }

    private static boolean transport(String name) {
      return switch (name) {
        case "rest" -> false;
        case "grpc" -> true;
        default -> throw new IllegalArgumentException("--transport is rest or grpc, not " + name);
      };
    }

    /** Takes {@code name} out of {@code given}, else {@code -Dbench.name}, else the default. */
    private static String value(Map<String, String> given, String name, String fallback) {
      String arg = given.remove(name);
      return arg != null ? arg : System.getProperty("bench." + name, fallback);
    }

    @Override
    public String toString() {
      return String.format(
          Locale.ROOT,
          "address=%s transport=%s warmup=%ds duration=%ds concurrency=%d rate=%s workers=%d maxJobsActive=%d requestTimeout=%ds steps=%s",
          address,
          grpc ? (stream ? "grpc with job streaming (" : "grpc (") + grpcAddress + ")" : "rest",
          warmup.toSeconds(),
          duration.toSeconds(),
          concurrency,
          rate > 0 ? String.valueOf(rate) : "max",
          workers,
          maxJobsActive,
          requestTimeout.toSeconds(),
          steps);
    }
  }
}

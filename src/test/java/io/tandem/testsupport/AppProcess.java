package io.tandem.testsupport;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Tandem running as a separate JVM, for tests and benchmarks that must kill it (SIGKILL) and start
 * it again on the same embedded-PostgreSQL data directory.
 *
 * <p>The child JVM gets the given class path, {@code -Xmx}, and command-line arguments only: no
 * system properties of this JVM and none of the {@code TANDEM_*}, {@code CAMUNDA_*}, {@code
 * SPRING_*} or JVM-option environment variables that would change what it does. Its output is
 * appended to one log file across starts.
 *
 * <p>Cleanup leaves nothing running: the embedded PostgreSQL is started by {@code pg_ctl}, which
 * detaches it (it is not a descendant of the app JVM once started), so {@link #close()} also stops
 * the postmaster named in the data directory's {@code postmaster.pid}, besides the JVM and every
 * descendant it still has. A shutdown hook does the same if this JVM exits without {@code close()}.
 */
public final class AppProcess implements AutoCloseable {

  /** Environment variables the child must not inherit: they would reconfigure the app or its JVM. */
  private static final List<String> SCRUBBED_ENV_PREFIXES =
      List.of("TANDEM_", "CAMUNDA_", "ZEEBE_", "SPRING_", "SERVER_", "MANAGEMENT_");

  private static final List<String> SCRUBBED_ENV =
      List.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS", "CLASSPATH");

  private static final String ENGINE_CLIENT = "tandem-engine-client";

  private final List<String> command;
  private final Path dataDir;
  private final Path logFile;
  private final int port;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final String engineSecret = java.util.UUID.randomUUID().toString();
  private final Thread shutdownHook = new Thread(this::cleanUpQuietly, "app-process-cleanup");

  private Process process;
  private int starts;
  private boolean hookInstalled;

  private AppProcess(Builder builder) {
    this.port = builder.port;
    this.dataDir = builder.dataDir.toAbsolutePath();
    this.logFile = builder.logFile.toAbsolutePath();
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xms" + builder.heap);
    cmd.add("-Xmx" + builder.heap);
    cmd.addAll(builder.jvmArgs);
    if (builder.jar != null) {
      cmd.add("-jar");
      cmd.add(builder.jar.toAbsolutePath().toString());
    } else {
      cmd.add("-cp");
      cmd.add(String.join(java.io.File.pathSeparator, builder.classpath));
      cmd.add(builder.mainClass);
    }
    cmd.add("--server.port=" + port);
    cmd.add("--tandem.embedded-db.data-dir=" + dataDir);
    // driven over REST; any free gRPC port, so an app JVM never clashes with a test's or another run's
    cmd.add("--tandem.engine.grpc.port=0");
    // the engine's API needs credentials: sign in as the app's own engine client, with a secret of our choosing
    cmd.add("--tandem.security.engine-client.password=" + engineSecret);
    cmd.add("--tandem.security.admin-password-file=" + dataDir.resolveSibling("admin.password"));
    cmd.addAll(builder.appArgs);
    this.command = List.copyOf(cmd);
  }

  /** How a Camunda client signs in to this app's engine: as its own engine client. */
  public io.camunda.client.CredentialsProvider engineCredentials() {
    return io.camunda.client.CredentialsProvider.newBasicAuthCredentialsProviderBuilder()
        .applyEnvironmentOverrides(false).username(ENGINE_CLIENT).password(engineSecret).build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Starts the app JVM (again, after a {@link #kill()} or {@link #stop()}) on the same port and data. */
  public synchronized AppProcess start() {
    if (process != null && process.isAlive()) {
      throw new IllegalStateException("already running as pid " + process.pid());
    }
    try {
      Files.createDirectories(logFile.getParent());
      Files.createDirectories(dataDir.getParent());
      starts++;
      Files.writeString(
          logFile,
          "%n===== start #%d at %s: %s%n".formatted(starts, Instant.now(), String.join(" ", command)),
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
      ProcessBuilder builder = new ProcessBuilder(command);
      Map<String, String> env = builder.environment();
      env.keySet()
          .removeIf(
              name ->
                  SCRUBBED_ENV.contains(name)
                      || SCRUBBED_ENV_PREFIXES.stream().anyMatch(name::startsWith));
      builder.redirectErrorStream(true);
      builder.redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
      builder.redirectInput(ProcessBuilder.Redirect.from(nullFile()));
      process = builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException("could not start " + command, e);
    }
    if (!hookInstalled) {
      Runtime.getRuntime().addShutdownHook(shutdownHook);
      hookInstalled = true;
    }
    return this;
  }

  /**
   * Waits until {@code GET path} answers {@code 200}; fails early, with the log's tail, if the JVM
   * exits first.
   *
   * @return the body of the first 200 answer
   */
  public String awaitOk(String path, Duration timeout) {
    return awaitResponse(path, "200", r -> r.statusCode() == 200, timeout).body();
  }

  /**
   * Waits until {@code GET path} gives an answer that {@code ready} accepts; fails early, with the
   * log's tail, if the JVM exits first.
   *
   * @return the first accepted answer
   */
  public HttpResponse<String> awaitResponse(
      String path, String expectation, Predicate<HttpResponse<String>> ready, Duration timeout) {
    AtomicReference<HttpResponse<String>> accepted = new AtomicReference<>();
    AtomicReference<String> last = new AtomicReference<>("no answer yet");
    try {
      await()
          .alias("GET " + path + " answering " + expectation + " on port " + port)
          .atMost(timeout)
          .pollInterval(Duration.ofMillis(500))
          .until(
              () -> {
                if (!isAlive()) {
                  throw new IllegalStateException(
                      "app JVM exited with " + process.exitValue() + " before " + path
                          + " answered " + expectation + "; log " + logFile + ", tail:\n"
                          + logTail(60));
                }
                try {
                  HttpResponse<String> response = get(path);
                  last.set(response.statusCode() + " " + abbreviate(response.body()));
                  if (ready.test(response)) {
                    accepted.set(response);
                    return true;
                  }
                } catch (IOException e) {
                  last.set(e.toString());
                }
                return false;
              });
    } catch (ConditionTimeoutException e) {
      throw new IllegalStateException(
          "GET " + path + " did not answer " + expectation + " within " + timeout + " (last: "
              + last.get() + "); log " + logFile + ", tail:\n" + logTail(60),
          e);
    }
    return accepted.get();
  }

  /**
   * Waits for the embedded engine: {@code GET /v2/topology} answers 200. An app that answers but
   * keeps saying 404 for 20 s serves no engine at all (Spring maps every endpoint before it takes
   * requests); that fails at once rather than after {@code timeout}.
   */
  public String awaitEngine(Duration timeout) {
    AtomicReference<Instant> first404 = new AtomicReference<>();
    return awaitResponse(
            "/v2/topology",
            "200",
            response -> {
              if (response.statusCode() != 404) {
                first404.set(null);
                return response.statusCode() == 200;
              }
              first404.compareAndSet(null, Instant.now());
              if (Duration.between(first404.get(), Instant.now()).compareTo(Duration.ofSeconds(20)) > 0) {
                throw new IllegalStateException(
                    "the app on port " + port + " is up but answers 404 on /v2/topology: it serves no "
                        + "Camunda REST API (is the embedded engine there and enabled?); log " + logFile);
              }
              return false;
            },
            timeout)
        .body();
  }

  /** One GET against the app, for checks of health and the like. */
  public HttpResponse<String> get(String path) throws IOException {
    HttpRequest request = HttpRequest.newBuilder(baseUri().resolve(path)).timeout(Duration.ofSeconds(5))
        .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(
            (ENGINE_CLIENT + ":" + engineSecret).getBytes(java.nio.charset.StandardCharsets.UTF_8)))
        .GET().build();
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  /**
   * {@code kill -9} of the app JVM only, as a crash would: its embedded PostgreSQL is left running,
   * orphaned, for the next {@link #start()} to deal with.
   *
   * @return the JVM's exit status (137 for SIGKILL)
   */
  public synchronized int kill() {
    requireStarted();
    process.destroyForcibly(); // SIGKILL on Linux
    return waitForExit(Duration.ofSeconds(30));
  }

  /**
   * {@code kill -9} of the embedded PostgreSQL (postmaster and every backend), as a machine crash
   * would leave it: the next start finds a stale {@code postmaster.pid} and PostgreSQL replays its
   * WAL. Anything committed but not yet written out of PostgreSQL's WAL buffers is lost, which is
   * what {@code synchronous_commit=off} allows.
   *
   * @return whether a running postmaster was found and killed
   */
  public synchronized boolean killPostgres() {
    Optional<ProcessHandle> postmaster = postgres();
    if (postmaster.isEmpty()) {
      return false;
    }
    List<ProcessHandle> all = new ArrayList<>();
    all.add(postmaster.get());
    all.addAll(postmaster.get().descendants().toList());
    destroyAll(all);
    return true;
  }

  /**
   * Graceful stop (SIGTERM: Spring closes the context and the embedded PostgreSQL), SIGKILL after
   * {@code grace}; then whatever is left of its descendants and its PostgreSQL is stopped too.
   */
  public synchronized void stop(Duration grace) {
    if (process == null) {
      return;
    }
    List<ProcessHandle> descendants = process.descendants().toList();
    Optional<ProcessHandle> postgresBefore = postgres();
    if (process.isAlive()) {
      process.destroy();
      try {
        if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
          process.destroyForcibly();
          process.waitFor(30, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        process.destroyForcibly();
      }
    }
    destroyAll(descendants);
    // the app stops its PostgreSQL as it closes; wait for that to finish (postmaster.pid goes a
    // moment before the process does), and stop it if the app could not
    postgresBefore.ifPresent(AppProcess::stopPostgres);
    postgres().ifPresent(AppProcess::stopPostgres);
  }

  @Override
  public synchronized void close() {
    stop(Duration.ofSeconds(60));
    if (hookInstalled) {
      try {
        Runtime.getRuntime().removeShutdownHook(shutdownHook);
      } catch (IllegalStateException alreadyShuttingDown) {
        // the hook runs anyway; it finds nothing left to do
      }
      hookInstalled = false;
    }
  }

  public boolean isAlive() {
    return process != null && process.isAlive();
  }

  public long pid() {
    requireStarted();
    return process.pid();
  }

  public int port() {
    return port;
  }

  public URI baseUri() {
    return URI.create("http://localhost:" + port + "/");
  }

  public Path dataDir() {
    return dataDir;
  }

  public Path logFile() {
    return logFile;
  }

  /** The embedded PostgreSQL's postmaster, if {@code postmaster.pid} names a live one. */
  public Optional<ProcessHandle> postgres() {
    Path pidFile = dataDir.resolve("postmaster.pid");
    try {
      if (!Files.exists(pidFile)) {
        return Optional.empty();
      }
      List<String> lines = Files.readAllLines(pidFile);
      if (lines.isEmpty() || lines.get(0).isBlank()) {
        return Optional.empty();
      }
      return ProcessHandle.of(Long.parseLong(lines.get(0).trim()))
          .filter(ProcessHandle::isAlive)
          .filter(p -> p.info().command().map(c -> c.endsWith("postgres")).orElse(false));
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** The last lines of the app's log, for failure messages. */
  public String logTail(int lines) {
    try {
      if (!Files.exists(logFile)) {
        return "(no log)";
      }
      List<String> all = Files.readAllLines(logFile, StandardCharsets.UTF_8);
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException | UncheckedIOException e) {
      return "(log unreadable: " + e + ")";
    }
  }

  /** Deletes the data directory; only when nothing runs on it any more. */
  public void deleteDataDir() {
    if (isAlive() || postgres().isPresent()) {
      throw new IllegalStateException("still running on " + dataDir);
    }
    if (!Files.exists(dataDir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dataDir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A TCP port nothing listens on right now. */
  public static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * This JVM's class path as a list of entries. Surefire runs tests with a manifest-only booter jar
   * on {@code java.class.path}; that jar's {@code Class-Path} is expanded so the child sees the
   * real entries (and does not depend on a temporary jar surefire deletes).
   */
  public static List<String> currentClasspath() {
    String surefire = System.getProperty("surefire.test.class.path");
    if (surefire != null && !surefire.isBlank()) {
      return split(surefire);
    }
    List<String> result = new ArrayList<>();
    for (String entry : split(System.getProperty("java.class.path"))) {
      result.addAll(expandManifestOnlyJar(entry));
    }
    return result;
  }

  private static List<String> split(String classpath) {
    return Stream.of(classpath.split(java.io.File.pathSeparator))
        .filter(s -> !s.isBlank())
        .collect(Collectors.toList());
  }

  private static List<String> expandManifestOnlyJar(String entry) {
    Path path = Path.of(entry);
    if (!entry.endsWith(".jar") || !Files.isRegularFile(path)) {
      return List.of(entry);
    }
    try (JarFile jar = new JarFile(path.toFile())) {
      Manifest manifest = jar.getManifest();
      String classPath =
          manifest == null ? null : manifest.getMainAttributes().getValue("Class-Path");
      boolean manifestOnly =
          classPath != null && jar.stream().noneMatch(e -> e.getName().endsWith(".class")
              && !e.getName().startsWith("org/apache/maven/surefire/"));
      if (!manifestOnly) {
        return List.of(entry);
      }
      URL base = path.toAbsolutePath().toUri().toURL();
      List<String> expanded = new ArrayList<>();
      for (String ref : classPath.trim().split("\\s+")) {
        if (!ref.isEmpty()) {
          expanded.add(Path.of(new URL(base, ref).toURI()).toString());
        }
      }
      return expanded;
    } catch (IOException | java.net.URISyntaxException | IllegalArgumentException e) {
      return List.of(entry);
    }
  }

  private int waitForExit(Duration timeout) {
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new IllegalStateException("pid " + process.pid() + " still alive after " + timeout);
      }
      return process.exitValue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static void stopPostgres(ProcessHandle postmaster) {
    List<ProcessHandle> children = postmaster.descendants().toList();
    if (postmaster.isAlive()) {
      postmaster.destroy(); // SIGTERM: smart shutdown
      try {
        postmaster.onExit().get(30, TimeUnit.SECONDS);
      } catch (Exception notInTime) {
        postmaster.destroyForcibly();
      }
    }
    destroyAll(List.of(postmaster));
    destroyAll(children);
  }

  private static void destroyAll(List<ProcessHandle> handles) {
    for (ProcessHandle handle : handles) {
      if (handle.isAlive()) {
        handle.destroyForcibly();
      }
    }
    for (ProcessHandle handle : handles) {
      try {
        handle.onExit().get(10, TimeUnit.SECONDS);
      } catch (Exception ignored) {
        // best effort: reported by whoever finds it still running
      }
    }
  }

  private void cleanUpQuietly() {
    try {
      stop(Duration.ofSeconds(20));
    } catch (RuntimeException ignored) {
      // the JVM is exiting
    }
  }

  private void requireStarted() {
    if (process == null) {
      throw new IllegalStateException("not started");
    }
  }

  private static java.io.File nullFile() {
    return new java.io.File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
  }

  private static String abbreviate(String s) {
    String oneLine = s == null ? "" : s.replaceAll("\\s+", " ");
    return oneLine.length() > 200 ? oneLine.substring(0, 200) + "..." : oneLine;
  }

  public static final class Builder {
    private List<String> classpath = currentClasspath();
    private String mainClass = "io.tandem.TandemApplication";
    private Path jar;
    private int port;
    private Path dataDir;
    private Path logFile;
    private String heap = "1g";
    private final List<String> jvmArgs = new ArrayList<>();
    private final List<String> appArgs = new ArrayList<>();

    /** Class path of the app JVM; default: this JVM's own. */
    public Builder classpath(List<String> classpath) {
      this.classpath = List.copyOf(classpath);
      return this;
    }

    public Builder mainClass(String mainClass) {
      this.mainClass = mainClass;
      return this;
    }

    /** Run {@code java -jar jar} instead of a class path and main class. */
    public Builder jar(Path jar) {
      this.jar = jar;
      return this;
    }

    /** HTTP port; default: a free one. */
    public Builder port(int port) {
      this.port = port;
      return this;
    }

    /** The embedded PostgreSQL's data directory ({@code tandem.embedded-db.data-dir}). */
    public Builder dataDir(Path dataDir) {
      this.dataDir = dataDir;
      return this;
    }

    public Builder logFile(Path logFile) {
      this.logFile = logFile;
      return this;
    }

    /** {@code -Xms}/{@code -Xmx}, e.g. {@code 1g} (the default). */
    public Builder heap(String heap) {
      this.heap = heap;
      return this;
    }

    public Builder jvmArg(String arg) {
      jvmArgs.add(arg);
      return this;
    }

    /** An extra Spring argument such as {@code --tandem.engine.clock.controllable=true}. */
    public Builder appArg(String arg) {
      appArgs.add(arg);
      return this;
    }

    public AppProcess build() {
      if (dataDir == null || logFile == null) {
        throw new IllegalStateException("dataDir and logFile are required");
      }
      if (port == 0) {
        port = freePort();
      }
      return new AppProcess(this);
    }
  }
}

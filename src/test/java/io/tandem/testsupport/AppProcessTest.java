package io.tandem.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The app as a separate JVM, killed with SIGKILL and started again on the same data directory,
 * leaves nothing running once closed: what the crash-recovery test and the benchmark rely on.
 */
@Timeout(value = 6, unit = java.util.concurrent.TimeUnit.MINUTES)
class AppProcessTest {

  private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

  /** Health answers once the app is up; the database is UP even while the engine is not. */
  private static final Predicate<HttpResponse<String>> DB_UP =
      response -> response.body().contains("\"db\":{\"status\":\"UP\"");

  @TempDir Path work;

  @Test
  void shouldRestartOnTheSameDataAfterAKillAndLeaveNothingRunning() {
    ProcessHandle firstJvm;
    ProcessHandle firstPostgres;
    ProcessHandle secondPostgres;
    try (AppProcess app =
        AppProcess.builder()
            .dataDir(work.resolve("postgres"))
            .logFile(work.resolve("app.log"))
            .heap("512m")
            .build()) {
      app.start().awaitResponse("/actuator/health", "db UP", DB_UP, START_TIMEOUT);
      firstJvm = ProcessHandle.of(app.pid()).orElseThrow();
      firstPostgres = app.postgres().orElseThrow();

      assertThat(app.kill()).as("exit status after SIGKILL").isEqualTo(137);
      assertThat(firstPostgres.isAlive()).as("a killed JVM leaves its PostgreSQL behind").isTrue();

      app.start().awaitResponse("/actuator/health", "db UP", DB_UP, START_TIMEOUT);
      secondPostgres = app.postgres().orElseThrow();
      assertThat(firstPostgres.isAlive()).as("the orphan is stopped by the next start").isFalse();
      assertThat(secondPostgres.pid()).isNotEqualTo(firstPostgres.pid());
    }

    assertThat(List.of(firstJvm, firstPostgres, secondPostgres))
        .as("processes left running")
        .noneMatch(ProcessHandle::isAlive);
    assertThat(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).toList())
        .as("descendants of the test JVM left running")
        .isEmpty();
  }

  @Test
  void shouldHandTheChildTheRealClasspath() {
    List<String> classpath = AppProcess.currentClasspath();

    assertThat(classpath).anyMatch(entry -> entry.endsWith("classes"));
    assertThat(classpath).anyMatch(entry -> entry.contains("camunda-client-java"));
    assertThat(classpath).noneMatch(entry -> entry.contains("surefirebooter"));
  }
}

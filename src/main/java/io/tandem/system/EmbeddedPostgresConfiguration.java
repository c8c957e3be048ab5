package io.tandem.system;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.DataSourceBuilder;
import com.zaxxer.hikari.HikariDataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * Starts a real PostgreSQL 17 (zonky's binaries) when no external database is configured, with its
 * data directory kept between runs so that a restart finds the same state.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(NoExternalDatabaseCondition.class)
@EnableConfigurationProperties(EmbeddedPostgresConfiguration.EmbeddedDatabaseProperties.class)
class EmbeddedPostgresConfiguration {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPostgresConfiguration.class);

  @ConfigurationProperties("tandem.embedded-db")
  /** {@code serverConfig}: further PostgreSQL settings, e.g. {@code shared_preload_libraries} for diagnosis. */
  record EmbeddedDatabaseProperties(Path dataDir, Integer port, Map<String, String> serverConfig) {
    EmbeddedDatabaseProperties {
      dataDir = dataDir == null ? Path.of("data", "postgres") : dataDir;
      serverConfig = serverConfig == null ? Map.of() : serverConfig;
    }
  }

  @Bean(destroyMethod = "close")
  EmbeddedPostgres embeddedPostgres(EmbeddedDatabaseProperties properties) throws IOException {
    Path dataDir = properties.dataDir().toAbsolutePath();
    Files.createDirectories(dataDir);
    stopOrphanedServer(dataDir);
    EmbeddedPostgres.Builder builder =
        EmbeddedPostgres.builder()
            .setDataDirectory(dataDir)
            .setCleanDataDirectory(false)
            .setPGStartupWait(Duration.ofSeconds(60))
            // Spring stops it (destroyMethod close, after the DataSource); zonky's own JVM shutdown
            // hook would stop it at once on SIGTERM, while graceful shutdown still needs it
            .setRegisterShutdownHook(false)
            // zonky starts PostgreSQL with -F (no fsync) and asynchronous commits, fine for
            // throwaway test databases; an acknowledged command must survive a crash, so undo both
            .setServerConfig("fsync", "on")
            .setServerConfig("synchronous_commit", "on")
            .setServerConfig("full_page_writes", "on")
            .setServerConfig("max_connections", "200")
            // cached plans are rebuilt when autovacuum analyzes a growing table (see V9)
            .setServerConfig("autovacuum_naptime", "10s");
    properties.serverConfig().forEach(builder::setServerConfig);
    if (properties.port() != null && properties.port() > 0) {
      builder.setPort(properties.port());
    }
    EmbeddedPostgres postgres = builder.start();
    LOG.info("Embedded PostgreSQL started on port {} with data in {}", postgres.getPort(), dataDir);
    return postgres;
  }

  /** Spring's {@code spring.datasource.hikari.*} settings apply here too, as to an external database. */
  @Bean
  @ConfigurationProperties("spring.datasource.hikari")
  HikariDataSource dataSource(EmbeddedPostgres postgres) {
    HikariDataSource dataSource =
        DataSourceBuilder.create()
            .type(HikariDataSource.class)
            .url(postgres.getJdbcUrl("postgres", "postgres"))
            .username("postgres")
            .build();
    dataSource.setPoolName("tandem-embedded");
    return dataSource;
  }

  /**
   * A JVM killed with SIGKILL leaves its PostgreSQL child running and holding the data directory;
   * stop it so this start can take over.
   */
  private static void stopOrphanedServer(Path dataDir) throws IOException {
    Path pidFile = dataDir.resolve("postmaster.pid");
    if (!Files.exists(pidFile)) {
      return;
    }
    List<String> lines = Files.readAllLines(pidFile);
    Optional<ProcessHandle> orphan =
        lines.isEmpty() ? Optional.empty() : ProcessHandle.of(Long.parseLong(lines.get(0).trim()));
    if (orphan.isPresent() && orphan.get().isAlive()
        && orphan.get().info().command().map(c -> c.endsWith("postgres")).orElse(false)) {
      LOG.warn("Stopping orphaned embedded PostgreSQL (pid {}) left by an earlier run", orphan.get().pid());
      orphan.get().destroy(); // SIGTERM: PostgreSQL's smart shutdown, which checkpoints
      orphan.get().onExit().orTimeout(30, java.util.concurrent.TimeUnit.SECONDS).join();
    }
  }
}

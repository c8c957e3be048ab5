package io.tandem.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.tandem.TandemApplication;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.jdbc.core.JdbcTemplate;

/** A configured datasource URL means an external PostgreSQL: no embedded one is started. */
class ExternalDatabaseTest {

  @TempDir Path unusedDataDir;
  @TempDir Path secrets;

  @Test
  void shouldUseTheConfiguredDatabaseAndStartNoEmbeddedOne() throws Exception {
    // given: a PostgreSQL the app did not start (a stand-in for a managed database)
    try (EmbeddedPostgres external = EmbeddedPostgres.builder().start()) {
      String url = external.getJdbcUrl("postgres", "postgres");

      // when
      try (var app = new SpringApplicationBuilder(TandemApplication.class).run(
          "--server.port=0", "--spring.datasource.url=" + url, "--spring.datasource.username=postgres",
          "--tandem.embedded-db.data-dir=" + unusedDataDir, "--tandem.deployment.enabled=false",
          "--tandem.security.admin-password-file=" + secrets.resolve("admin.password"),
          // an external database needs the privacy key given: no node may invent its own
          "--tandem.privacy.key=" + Base64.getEncoder().encodeToString(new byte[32]),
          "--camunda.client.worker.defaults.enabled=false")) {

        // then
        assertThat(app.getBeansOfType(EmbeddedPostgres.class)).isEmpty();
        assertThat(unusedDataDir).isEmptyDirectory();
        Integer migrations = new JdbcTemplate(external.getPostgresDatabase())
            .queryForObject("select count(*) from flyway_schema_history where success", Integer.class);
        assertThat(migrations).isPositive();
      }
    }
  }
}

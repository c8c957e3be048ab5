package io.tandem.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.tandem.TandemApplication;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/** A second start on the same data directory finds what the first one wrote. */
class EmbeddedPostgresPersistenceTest {

  @TempDir Path dataDir;
  @TempDir Path secrets;

  @Test
  void shouldKeepDataAcrossRestarts() {
    try (var first = start()) {
      first.getBean(JdbcTemplate.class).execute("create table restart_probe (v text)");
      first.getBean(JdbcTemplate.class).update("insert into restart_probe values ('kept')");
    }

    try (var second = start()) {
      String kept =
          second.getBean(JdbcTemplate.class).queryForObject("select v from restart_probe", String.class);
      assertThat(kept).isEqualTo("kept");
    }
  }

  private ConfigurableApplicationContext start() {
    // command-line arguments, so they outrank application.yml
    return new SpringApplicationBuilder(TandemApplication.class)
        .run("--server.port=0", "--tandem.embedded-db.data-dir=" + dataDir,
            "--tandem.security.admin-password-file=" + secrets.resolve("admin.password"));
  }
}

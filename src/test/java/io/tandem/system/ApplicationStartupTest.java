package io.tandem.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.tandem.testsupport.TestUsers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@AutoConfigureObservability // tests switch metrics export off unless asked
class ApplicationStartupTest {

  TestRestTemplate http;
  @Autowired JdbcTemplate jdbc;

  @Autowired
  void signIn(TestRestTemplate anonymous) {
    http = TestUsers.as(anonymous, TestUsers.ADMIN);
  }

  @Test
  void shouldReportHealthUpWithTheEmbeddedDatabase() {
    String health = http.getForObject("/actuator/health", String.class);

    assertThat(health).contains("\"status\":\"UP\"").contains("\"db\":{\"status\":\"UP\"");
    assertThat(jdbc.queryForObject("select version()", String.class)).startsWith("PostgreSQL 17");
  }

  @Test
  void shouldRunTheEmbeddedDatabaseDurably() {
    assertThat(jdbc.queryForObject("show fsync", String.class)).isEqualTo("on");
    assertThat(jdbc.queryForObject("show synchronous_commit", String.class)).isEqualTo("on");
    assertThat(jdbc.queryForObject("show full_page_writes", String.class)).isEqualTo("on");
  }

  @Test
  void shouldLetFlywayOwnTheSchema() {
    Integer applied =
        jdbc.queryForObject(
            "select count(*) from flyway_schema_history where success", Integer.class);

    assertThat(applied).isPositive();
  }

  @Test
  void shouldDocumentTheAppApiWithOpenApi() {
    String document = http.getForObject("/v3/api-docs", String.class);

    assertThat(document).contains("\"/api/cases\"", "\"/api/tasks/{taskKey}/answer\"", "Tandem API")
        .doesNotContain("\"/v2/");
    assertThat(document).contains("\"/api/cases/{id}/input\"", "only as maskedText");
  }

  @Test
  void shouldExposePrometheusMetrics() {
    String metrics = http.getForObject("/actuator/prometheus", String.class);

    assertThat(metrics).contains("jvm_memory_used_bytes").contains("hikaricp_connections")
        .contains("tandem_engine_group_commit_batches_total", "tandem_engine_group_commit_commands_total{outcome=\"batched\"",
            "tandem_engine_group_commit_queued");
  }
}

package io.tandem.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** Docker can't run here, so check the cluster-mode compose file's wiring by reading it. */
class DockerComposeFileTest {

  private static Map<String, Map<String, Object>> services;

  @BeforeAll
  @SuppressWarnings("unchecked")
  static void parse() throws IOException {
    try (Reader reader = Files.newBufferedReader(Path.of("docker-compose.yml"))) {
      Map<String, Object> compose = new Yaml().load(reader);
      services = (Map<String, Map<String, Object>>) compose.get("services");
    }
  }

  @Test
  void shouldStartCamundaPostgresAndTandem() {
    assertThat(services).containsOnlyKeys("camunda", "postgres", "tandem");
    assertThat((String) services.get("camunda").get("image")).startsWith("camunda/camunda:8.8");
    assertThat((String) services.get("postgres").get("image")).startsWith("postgres:");
  }

  @Test
  void shouldExposeCamundaRestAndGrpcPorts() {
    assertThat(ports("camunda")).contains("26500:26500", "8088:8080");
    assertThat(ports("tandem")).contains("8080:8080");
  }

  @Test
  void shouldRunTandemWithoutItsEmbeddedEngineAgainstTheCluster() {
    Map<String, Object> env = environment("tandem");

    assertThat(env)
        .containsEntry("TANDEM_ENGINE_ENABLED", "false")
        .containsEntry("TANDEM_DB_URL", "jdbc:postgresql://postgres:5432/tandem")
        .containsEntry("CAMUNDA_CLIENT_REST_ADDRESS", "http://camunda:8080")
        .containsEntry("CAMUNDA_CLIENT_GRPC_ADDRESS", "http://camunda:26500");
    assertThat(env.get("TANDEM_DB_USER")).isEqualTo(environment("postgres").get("POSTGRES_USER"));
    assertThat(env.get("TANDEM_DB_PASSWORD"))
        .isEqualTo(environment("postgres").get("POSTGRES_PASSWORD"));
    assertThat((String) env.get("TANDEM_PRIVACY_KEY")).startsWith("${TANDEM_PRIVACY_KEY:?");
    assertThat(services.get("tandem").get("depends_on").toString())
        .contains("camunda", "postgres", "service_healthy");
  }

  @Test
  void shouldGiveCamundaADocumentedSecondaryStorage() {
    assertThat(environment("camunda"))
        .containsEntry("CAMUNDA_DATA_SECONDARYSTORAGE_TYPE", "rdbms")
        .containsKey("CAMUNDA_DATA_SECONDARYSTORAGE_RDBMS_URL");
  }

  @SuppressWarnings("unchecked")
  private static List<String> ports(String service) {
    return (List<String>) services.get(service).get("ports");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> environment(String service) {
    return (Map<String, Object>) services.get(service).get("environment");
  }
}

package io.tandem.engine.concurrency;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.api.response.ProcessInstanceEvent;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.client.CamundaClient;
import io.camunda.client.CredentialsProvider;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/**
 * Many concurrent commands on a pool of two connections, with enough instances to use up several
 * key blocks: fetching a new block must never wait for a connection while the callers that hold
 * the pool's connections wait for the key generator (which deadlocked until the pool timed out).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.hikari.maximum-pool-size=2",
    "spring.datasource.hikari.connection-timeout=5000"})
@ActiveProfiles("test")
class SmallConnectionPoolTest {

  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;
  @Autowired CredentialsProvider engineCredentials;
  CamundaClient client;

  @BeforeEach
  void connect() {
    client = CamundaClient.newClientBuilder()
        .restAddress(URI.create("http://localhost:" + port))
        .preferRestOverGrpc(true)
        .credentialsProvider(engineCredentials)
        .defaultRequestTimeout(Duration.ofSeconds(30))
        .build();
  }

  @AfterEach
  void disconnect() {
    client.close();
  }

  @Test
  void shouldCreateAndRunManyInstancesConcurrentlyOnTwoConnections() throws Exception {
    // given: each instance of start -> parallel fork of 4 -> join -> end takes a dozen keys
    client.newDeployResourceCommand().addProcessModel(Bpmn.createExecutableProcess("small-pool")
        .startEvent().parallelGateway("fork")
        .manualTask("a").parallelGateway("join").endEvent()
        .moveToNode("fork").manualTask("b").connectTo("join")
        .moveToNode("fork").manualTask("c").connectTo("join")
        .moveToNode("fork").manualTask("d").connectTo("join")
        .done(), "small-pool.bpmn").send().join();

    // when: 300 instances from 8 threads, several times a key block of 1000
    ExecutorService threads = Executors.newFixedThreadPool(8);
    List<CompletableFuture<ProcessInstanceEvent>> created = new ArrayList<>();
    try {
      for (int i = 0; i < 300; i++) {
        created.add(CompletableFuture.supplyAsync(() -> client.newCreateInstanceCommand()
            .bpmnProcessId("small-pool").latestVersion().send().join(), threads));
      }
      CompletableFuture.allOf(created.toArray(CompletableFuture[]::new)).get(2, java.util.concurrent.TimeUnit.MINUTES);
    } finally {
      threads.shutdownNow();
    }

    // then: every instance completed, each with its own keys
    assertThat(jdbc.queryForObject("select count(*) from engine_process_instance where bpmn_process_id = 'small-pool'"
        + " and state = 'COMPLETED'", Integer.class)).isEqualTo(300);
    assertThat(jdbc.queryForObject("select count(distinct key) = count(*) from engine_element_instance",
        Boolean.class)).isTrue();
  }
}

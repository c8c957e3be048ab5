package io.tandem.engine.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.camunda.client.api.response.ActivatedJob;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.tandem.engine.EngineTest;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;

/** A worker killed while its long poll waits costs no job more than a second. */
class VanishedPollTest extends EngineTest {

  @Value("${local.server.port}") int port;

  @Test
  void shouldHandJobsOfAWorkerKilledMidPollToTheOthers() throws Exception {
    // given: a REST long poll for the type, whose worker then dies (its socket closes)
    deploy(Bpmn.createExecutableProcess("vanished").startEvent().serviceTask("work",
        t -> t.zeebeJobType("vanished-work")).endEvent().done());
    String body = "{\"type\":\"vanished-work\",\"maxJobsToActivate\":10,\"timeout\":300000,\"requestTimeout\":60000}";
    StringBuilder credentials = new StringBuilder();
    engineCredentials.applyCredentials((name, value) -> credentials.append(name).append(": ").append(value).append("\r\n"));
    try (Socket socket = new Socket("localhost", port)) {
      OutputStream out = socket.getOutputStream();
      out.write(("POST /v2/jobs/activation HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
          + credentials + "Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body)
          .getBytes(StandardCharsets.UTF_8));
      out.flush();
      // the poll is parked once the server has started streaming its answer
      assertThat(socket.getInputStream().read()).isPositive();
    }

    // when: a job is created right after
    start("vanished", Map.of());

    // then: a live worker gets it within a second, not after the dead poll's five minutes
    List<ActivatedJob> jobs = await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(50))
        .until(() -> activate("vanished-work", 10), found -> !found.isEmpty());
    assertThat(jobs).hasSize(1);
  }
}

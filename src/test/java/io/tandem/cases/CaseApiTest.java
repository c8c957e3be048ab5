package io.tandem.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import io.tandem.testsupport.TestUsers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;

/** The cases API's edges: validation, idempotency, listing. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class CaseApiTest {

  TestRestTemplate http;

  @Autowired
  void signIn(TestRestTemplate anonymous) {
    http = TestUsers.as(anonymous, TestUsers.ADMIN);
  }

  @Test
  void shouldRejectAnUnknownFlowNamingTheField() {
    ResponseEntity<Map> response = http.postForEntity("/api/cases",
        Map.of("flow", "nope", "payload", Map.of("text", "hi")), Map.class);

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    assertThat(response.getBody()).containsEntry("field", "flow");
    assertThat((String) response.getBody().get("detail")).contains("unknown flow 'nope'");
  }

  @Test
  void shouldRejectMissingPayloadBadRiskClassAndBadWebhook() {
    assertThat(field(Map.of("flow", "spam-review"))).isEqualTo("payload");
    assertThat(field(Map.of("flow", "spam-review", "payload", Map.of("text", 42)))).isEqualTo("payload.text");
    assertThat(field(Map.of("flow", "spam-review", "payload", Map.of("text", "x"),
        "metadata", Map.of("riskClass", "extreme")))).isEqualTo("metadata.riskClass");
    assertThat(field(Map.of("flow", "spam-review", "payload", Map.of("text", "x"),
        "webhookUrl", "ftp://example.org/hook"))).isEqualTo("webhookUrl");
    assertThat(field(Map.of("flow", "spam-review", "payload", Map.of("text", "x".repeat(70_000)))))
        .isEqualTo("payload");
  }

  @Test
  void shouldRejectMalformedJsonAsAProblem() {
    var request = new org.springframework.http.HttpEntity<>("{not json", jsonHeaders());
    ResponseEntity<Map> response = http.postForEntity("/api/cases", request, Map.class);

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
  }

  @Test
  void shouldReturnTheSameCaseForTheSameIdempotencyKey() {
    Map<String, Object> submission = Map.of("flow", "spam-review", "idempotencyKey", "client-42",
        "payload", Map.of("text", "Win a free cruise now"));

    ResponseEntity<Map> first = http.postForEntity("/api/cases", submission, Map.class);
    ResponseEntity<Map> second = http.postForEntity("/api/cases", submission, Map.class);

    assertThat(first.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    assertThat(second.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(second.getBody().get("id")).isEqualTo(first.getBody().get("id"));
    assertThat(first.getHeaders().getLocation()).hasToString("/api/cases/" + first.getBody().get("id"));
  }

  @Test
  void shouldRejectAWholeBatchWhenOneItemIsBad() {
    ResponseEntity<Map> response = http.postForEntity("/api/cases/batch", List.of(
        Map.of("flow", "spam-review", "payload", Map.of("text", "fine")),
        Map.of("flow", "spam-review")), Map.class);

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(response.getBody()).containsEntry("field", "[1].payload");
  }

  @Test
  void shouldAnswer404ForAnUnknownCase() {
    ResponseEntity<Map> response = http.getForEntity("/api/cases/00000000-0000-0000-0000-000000000000", Map.class);

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
  }

  private String field(Map<String, Object> submission) {
    ResponseEntity<Map> response = http.postForEntity("/api/cases", submission, Map.class);
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    return (String) response.getBody().get("field");
  }

  private static org.springframework.http.HttpHeaders jsonHeaders() {
    var headers = new org.springframework.http.HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    return headers;
  }
}

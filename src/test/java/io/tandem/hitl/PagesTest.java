package io.tandem.hitl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/** The server-rendered pages answer with what they promise (the browser tests drive them further). */
class PagesTest extends HitlTest {

  @Test
  void shouldRenderTheConsoleModelsAndACaseTimeline() {
    // given a decided case and the deployed models
    UUID id = submit(Map.of("flow", "spam-review", "payload", Map.of("text", AiDecisionReviewTest.SPAM)));
    awaitDecided(id);
    await().atMost(WAIT).until(() -> page("/models").getBody().contains("/models/decisions/"));

    // when / then
    assertThat(page("/console").getBody()).contains("data-flow=\"spam-review\"", "Kill switch");
    assertThat(page("/console/incidents").getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(page("/console/cases").getBody()).contains(id.toString());
    assertThat(page("/console/cases/" + id).getBody()).contains("Audit chain intact", "DECIDED", "INFERRED");
    String models = page("/models").getBody();
    Matcher decision = Pattern.compile("/models/decisions/(\\d+)").matcher(models);
    assertThat(decision.find()).isTrue();
    assertThat(page(decision.group()).getBody()).contains("Hit policy", "R8-confident-low-risk");
    assertThat(page("/models/forms/ai-review.form").getBody()).contains("form-schema");
    Map<String, Object> figures = http.getForObject("/api/ops/flows/spam-review/metrics", Map.class);
    assertThat(figures).containsKeys("queue", "buckets");
  }

  private ResponseEntity<String> page(String path) {
    ResponseEntity<String> response = http.getForEntity(path, String.class);
    assertThat(response.getStatusCode()).as(path).isEqualTo(HttpStatus.OK);
    return response;
  }
}

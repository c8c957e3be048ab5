package io.tandem.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OpenAiChatModelTest {

  private static final String PATH = "/v1/chat/completions";
  private static final List<String> LABELS = List.of("spam", "ham");

  /** As OpenAI answers with logprobs: the first token's top alternatives, best first. */
  private static final String WITH_LOGPROBS =
      """
      {"id":"chatcmpl-9xQ2","object":"chat.completion","created":1732406400,
       "model":"gpt-4o-mini-2024-07-18",
       "choices":[{"index":0,
         "message":{"role":"assistant","content":"spam","refusal":null},
         "logprobs":{"content":[{"token":"spam","logprob":-0.12,"bytes":[115,112,97,109],
           "top_logprobs":[
             {"token":"spam","logprob":-0.12,"bytes":[115,112,97,109]},
             {"token":"ham","logprob":-2.3,"bytes":[104,97,109]},
             {"token":"Sp","logprob":-5.0,"bytes":[83,112]},
             {"token":"The","logprob":-6.0,"bytes":[84,104,101]},
             {"token":"\\n","logprob":-7.5,"bytes":[10]}]}],
           "refusal":null},
         "finish_reason":"stop"}],
       "usage":{"prompt_tokens":61,"completion_tokens":1,"total_tokens":62},
       "system_fingerprint":"fp_0ba0d124f1"}
      """;

  /** As Ollama answers without logprobs. */
  private static final String WITHOUT_LOGPROBS =
      """
      {"id":"chatcmpl-512","object":"chat.completion","created":1732406401,"model":"llama3.2:1b",
       "system_fingerprint":"fp_ollama",
       "choices":[{"index":0,"message":{"role":"assistant","content":" \\"Ham.\\""},
         "finish_reason":"stop"}],
       "usage":{"prompt_tokens":58,"completion_tokens":3,"total_tokens":61}}
      """;

  private final ObjectMapper json = new ObjectMapper();
  private ProtocolServer server;

  @BeforeEach
  void startServer() throws Exception {
    server = new ProtocolServer();
  }

  @AfterEach
  void stopServer() {
    server.close();
  }

  private OpenAiChatModel model(OpenAiChatSettings settings) {
    return new OpenAiChatModel(settings, json);
  }

  private OpenAiChatSettings settings() {
    return OpenAiChatSettings.of(server.baseUrl(), "gpt-4o-mini")
        .withTimeout(Duration.ofSeconds(5));
  }

  @Test
  void shouldTakeConfidenceFromLogprobsRenormalisedOverTheLabels() throws Exception {
    // given
    server.answer(PATH, 200, WITH_LOGPROBS);
    OpenAiChatModel model = model(settings().withApiKey("sk-test"));

    // when
    Prediction prediction =
        model.predict(
            new ModelInput(
                "WINNER! Call 09061701461 to claim your prize", Map.of("channel", "sms"), LABELS));

    // then
    double spam = Math.exp(-0.12) + Math.exp(-5.0); // "spam" and "Sp" both begin spam
    double ham = Math.exp(-2.3);
    assertThat(prediction.label()).isEqualTo("spam");
    assertThat(prediction.confidenceSource()).isEqualTo(ConfidenceSource.LOGPROBS);
    assertThat(prediction.confidence()).isCloseTo(spam / (spam + ham), within(1e-9));
    assertThat(prediction.probabilities().get("ham")).isCloseTo(ham / (spam + ham), within(1e-9));
    assertThat(prediction.modelId()).isEqualTo("gpt-4o-mini");
    assertThat(prediction.modelVersion()).isEqualTo("gpt-4o-mini-2024-07-18+fp_0ba0d124f1");
    assertThat(prediction.latency()).isPositive();

    ProtocolServer.Received request = server.last();
    assertThat(request.method()).isEqualTo("POST");
    assertThat(request.path()).isEqualTo(PATH);
    assertThat(request.header("Authorization")).isEqualTo("Bearer sk-test");
    assertThat(request.header("Content-Type")).isEqualTo("application/json");
    JsonNode body = json.readTree(request.body());
    assertThat(body.path("model").asText()).isEqualTo("gpt-4o-mini");
    assertThat(body.path("logprobs").asBoolean()).isTrue();
    assertThat(body.path("top_logprobs").asInt()).isEqualTo(5);
    assertThat(body.path("temperature").asDouble()).isZero();
    assertThat(body.path("messages").path(0).path("role").asText()).isEqualTo("system");
    assertThat(body.path("messages").path(0).path("content").asText())
        .contains("exactly one of these labels")
        .contains("spam, ham");
    assertThat(body.path("messages").path(1).path("role").asText()).isEqualTo("user");
    assertThat(body.path("messages").path(1).path("content").asText())
        .startsWith("WINNER! Call 09061701461 to claim your prize")
        .contains("\"channel\":\"sms\"");
  }

  @Test
  void shouldFallBackToTheDefaultConfidenceWithoutLogprobs() {
    // given
    server.answer(PATH, 200, WITHOUT_LOGPROBS);
    OpenAiChatModel model = model(settings());

    // when
    Prediction prediction = model.predict(ModelInput.of("are we still on for tonight?", LABELS));

    // then
    assertThat(prediction.label()).isEqualTo("ham");
    assertThat(prediction.confidenceSource()).isEqualTo(ConfidenceSource.DEFAULT);
    assertThat(prediction.confidence()).isEqualTo(0.5);
    assertThat(prediction.probabilities()).containsEntry("ham", 0.5).containsEntry("spam", 0.5);
    assertThat(prediction.modelVersion()).isEqualTo("llama3.2:1b+fp_ollama");
    assertThat(server.last().header("Authorization")).isNull();
  }

  @Test
  void shouldAcceptABaseUrlThatEndsInV1() {
    // given
    server.answer(PATH, 200, WITHOUT_LOGPROBS);
    OpenAiChatModel model =
        model(OpenAiChatSettings.of(server.baseUrl().resolve("/v1/"), "llama3.2:1b"));

    // when
    Prediction prediction = model.predict(ModelInput.of("see you at 6", LABELS));

    // then
    assertThat(prediction.label()).isEqualTo("ham");
    assertThat(server.last().path()).isEqualTo(PATH);
  }

  @Test
  void shouldRejectAnAnswerThatIsNoneOfTheLabels() {
    // given
    server.answer(
        PATH,
        200,
        """
        {"model":"llama3.2:1b","choices":[{"index":0,
          "message":{"role":"assistant","content":"I cannot tell."},"finish_reason":"stop"}]}
        """);
    OpenAiChatModel model = model(settings());

    // when / then
    assertThatThrownBy(() -> model.predict(ModelInput.of("hello", LABELS)))
        .isInstanceOf(ModelUnavailableException.class)
        .hasMessageContaining("I cannot tell.")
        .hasMessageContaining("[spam, ham]");
  }

  @Test
  void shouldReportAMalformedAnswerAsUnavailable() {
    // given
    server.answer(PATH, 200, "{\"model\":\"x\",\"choices\":[]}");
    server.answer("/broken/v1/chat/completions", 200, "<html>Bad gateway</html>");
    OpenAiChatModel model = model(settings());
    OpenAiChatModel broken = model(OpenAiChatSettings.of(server.baseUrl().resolve("/broken"), "x"));

    // when / then
    assertThatThrownBy(() -> model.predict(ModelInput.of("hello", LABELS)))
        .isInstanceOf(ModelUnavailableException.class)
        .hasMessageContaining("no choices[0].message.content");
    assertThatThrownBy(() -> broken.predict(ModelInput.of("hello", LABELS)))
        .isInstanceOf(ModelUnavailableException.class)
        .hasMessageContaining("not JSON");
  }

  @Test
  void shouldReportAServerErrorAsUnavailable() {
    // given
    server.answer(
        PATH,
        500,
        """
        {"error":{"message":"The server had an error while processing your request.",
          "type":"server_error","param":null,"code":null}}
        """);
    OpenAiChatModel model = model(settings());

    // when / then
    assertThatThrownBy(() -> model.predict(ModelInput.of("hello", LABELS)))
        .isInstanceOf(ModelUnavailableException.class)
        .hasMessageContaining("HTTP 500")
        .hasMessageContaining("server_error")
        .satisfies(
            e -> assertThat(((ModelUnavailableException) e).modelId()).isEqualTo("gpt-4o-mini"));
  }

  @Test
  void shouldGiveUpAfterTheTimeout() {
    // given
    server.stall(PATH);
    OpenAiChatModel model = model(settings().withTimeout(Duration.ofMillis(300)));

    // when / then
    assertThatThrownBy(() -> model.predict(ModelInput.of("hello", LABELS)))
        .isInstanceOf(ModelUnavailableException.class)
        .hasMessageContaining("no answer")
        .hasMessageContaining("PT0.3S");
  }

  @Test
  void shouldReportAnUnreachableServerAsUnavailable() {
    // given
    OpenAiChatModel model = model(settings());
    server.close();

    // when / then
    assertThatThrownBy(() -> model.predict(ModelInput.of("hello", LABELS)))
        .isInstanceOf(ModelUnavailableException.class)
        .hasMessageContaining("cannot reach");
  }
}

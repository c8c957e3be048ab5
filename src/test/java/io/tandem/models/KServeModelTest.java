package io.tandem.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class KServeModelTest {

  private static final String INFER = "/v2/models/spam-filter/infer";
  private static final List<String> LABELS = List.of("ham", "spam");

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

  private KServeSettings settings() {
    return KServeSettings.of(server.baseUrl(), "spam-filter", LABELS)
        .withTimeout(Duration.ofSeconds(5));
  }

  private KServeModel model(KServeSettings settings) {
    return new KServeModel(settings, json);
  }

  @Test
  void shouldSendTheTextAsBytesAndReadTheProbabilityTensor() throws Exception {
    // given
    server.answer(
        INFER,
        200,
        """
        {"model_name":"spam-filter","model_version":"3","id":"b2f6c2e4",
         "parameters":{},
         "outputs":[{"name":"probabilities","shape":[1,2],"datatype":"FP32",
                     "data":[0.0731,0.9269]}]}
        """);

    // when
    Prediction prediction =
        model(settings())
            .predict(ModelInput.of("Free entry in a weekly comp! Text WIN to 80086", List.of()));

    // then
    assertThat(prediction.label()).isEqualTo("spam");
    assertThat(prediction.confidence()).isCloseTo(0.9269, within(1e-6));
    assertThat(prediction.probabilities().get("ham")).isCloseTo(0.0731, within(1e-6));
    assertThat(prediction.confidenceSource()).isEqualTo(ConfidenceSource.MODEL);
    assertThat(prediction.modelId()).isEqualTo("spam-filter");
    assertThat(prediction.modelVersion()).isEqualTo("3");

    ProtocolServer.Received request = server.last();
    assertThat(request.method()).isEqualTo("POST");
    assertThat(request.path()).isEqualTo(INFER);
    JsonNode body = json.readTree(request.body());
    assertThat(body.path("id").asText()).isNotBlank();
    JsonNode input = body.path("inputs").path(0);
    assertThat(input.path("name").asText()).isEqualTo("text");
    assertThat(input.path("datatype").asText()).isEqualTo("BYTES");
    assertThat(input.path("shape").toString()).isEqualTo("[1]");
    assertThat(input.path("data").toString())
        .isEqualTo("[\"Free entry in a weekly comp! Text WIN to 80086\"]");
    assertThat(body.has("outputs")).isFalse();
  }

  @Test
  void shouldAskForTheNamedOutputOfAPinnedVersion() throws Exception {
    // given
    server.answer(
        "/v2/models/spam-filter/versions/7/infer",
        200,
        """
        {"model_name":"spam-filter","model_version":"7",
         "outputs":[
           {"name":"label","shape":[1],"datatype":"BYTES","data":["spam"]},
           {"name":"logits","shape":[1,2],"datatype":"FP32","data":[-1.2,2.3]},
           {"name":"probs","shape":[1,2],"datatype":"FP32","data":[[0.8,0.2]]}]}
        """);
    KServeModel model = model(settings().withModelVersion("7").withOutputName("probs"));

    // when
    Prediction prediction = model.predict(ModelInput.of("lunch at 1?", List.of()));

    // then
    assertThat(prediction.label()).isEqualTo("ham");
    assertThat(prediction.confidence()).isCloseTo(0.8, within(1e-9));
    assertThat(prediction.modelVersion()).isEqualTo("7");
    JsonNode body = json.readTree(server.last().body());
    assertThat(body.path("outputs").toString()).isEqualTo("[{\"name\":\"probs\"}]");
  }

  @Test
  void shouldReadALabelOnlyOutputWithTheDefaultConfidence() {
    // given
    server.answer(
        INFER,
        200,
        """
        {"model_name":"spam-filter","outputs":[
           {"name":"label","shape":[1],"datatype":"BYTES","data":["spam"]}]}
        """);

    // when
    Prediction prediction = model(settings()).predict(ModelInput.of("WIN NOW", List.of()));

    // then
    assertThat(prediction.label()).isEqualTo("spam");
    assertThat(prediction.confidenceSource()).isEqualTo(ConfidenceSource.DEFAULT);
    assertThat(prediction.confidence()).isEqualTo(0.5);
    assertThat(prediction.modelVersion()).isEqualTo("unversioned");
  }

  @Test
  void shouldRenormaliseOverTheCandidateLabels() {
    // given
    server.answer(
        INFER,
        200,
        """
        {"model_name":"triage","outputs":[{"name":"probabilities","shape":[1,3],"datatype":"FP64",
          "data":[0.5,0.3,0.2]}]}
        """);
    KServeModel model =
        model(
            KServeSettings.of(server.baseUrl(), "spam-filter", List.of("ham", "spam", "phishing")));

    // when
    Prediction prediction =
        model.predict(ModelInput.of("verify your account", List.of("spam", "phishing")));

    // then
    assertThat(prediction.label()).isEqualTo("spam");
    assertThat(prediction.confidence()).isCloseTo(0.6, within(1e-9));
    assertThat(prediction.probabilities()).containsOnlyKeys("spam", "phishing");
  }

  @Test
  void shouldRejectAnOutputThatHoldsNoProbabilities() {
    // given
    server.answer(
        INFER,
        200,
        """
        {"model_name":"spam-filter","outputs":[{"name":"logits","shape":[1,2],"datatype":"FP32",
          "data":[-1.2,2.3]}]}
        """);

    // when / then
    assertThatThrownBy(() -> model(settings()).predict(ModelInput.of("hi", List.of())))
        .isInstanceOf(ModelUnavailableException.class)
        .hasMessageContaining("not a probability");
  }

  @Test
  void shouldRejectATensorOfTheWrongShape() {
    // given
    server.answer(
        INFER,
        200,
        """
        {"model_name":"spam-filter","outputs":[{"name":"probabilities","shape":[1,3],
          "datatype":"FP32","data":[0.2,0.3,0.5]}]}
        """);
    KServeModel model = model(settings().withOutputName("probabilities"));

    // when / then
    assertThatThrownBy(() -> model.predict(ModelInput.of("hi", List.of())))
        .isInstanceOf(ModelUnavailableException.class)
        .hasMessageContaining("expected [1, 2]");
  }

  @Test
  void shouldReportAMalformedAnswerAsUnavailable() {
    // given
    server.answer(INFER, 200, "{\"model_name\":\"spam-filter\"}");

    // when / then
    assertThatThrownBy(() -> model(settings()).predict(ModelInput.of("hi", List.of())))
        .isInstanceOf(ModelUnavailableException.class)
        .hasMessageContaining("no outputs");
  }

  @Test
  void shouldReportAServerErrorAsUnavailable() {
    // given
    server.answer(INFER, 500, "{\"error\":\"model spam-filter failed: CUDA out of memory\"}");

    // when / then
    assertThatThrownBy(() -> model(settings()).predict(ModelInput.of("hi", List.of())))
        .isInstanceOf(ModelUnavailableException.class)
        .hasMessageContaining("HTTP 500")
        .hasMessageContaining("CUDA out of memory");
  }

  @Test
  void shouldGiveUpAfterTheTimeout() {
    // given
    server.stall(INFER);
    KServeModel model = model(settings().withTimeout(Duration.ofMillis(300)));

    // when / then
    assertThatThrownBy(() -> model.predict(ModelInput.of("hi", List.of())))
        .isInstanceOf(ModelUnavailableException.class)
        .hasMessageContaining("no answer");
  }

  @Test
  void shouldTellWhetherTheModelIsReady() {
    // given
    server.answer("/v2/models/spam-filter/ready", 200, "");
    server.answer("/v2/models/loading/ready", 503, "{\"error\":\"model loading\"}");
    KServeModel ready = model(settings());
    KServeModel loading = model(KServeSettings.of(server.baseUrl(), "loading", LABELS));

    // when / then
    assertThat(ready.isReady()).isTrue();
    assertThat(server.last().method()).isEqualTo("GET");
    assertThat(loading.isReady()).isFalse();
    server.close();
    assertThat(ready.isReady()).isFalse();
  }
}

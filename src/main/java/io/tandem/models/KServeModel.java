package io.tandem.models;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Calls a model through the Open Inference Protocol v2 ({@code POST
 * {baseUrl}/v2/models/{name}[/versions/{v}]/infer}) with the text as a BYTES tensor of shape [1].
 * It reads either a probability tensor (FP32/FP64, shape [1, labels] or [labels], columns in the
 * order of the configured labels: {@link ConfidenceSource#MODEL}) or a BYTES tensor holding the
 * label ({@link ConfidenceSource#DEFAULT} confidence). The input's structured fields are not sent.
 */
public final class KServeModel implements ModelAdapter {

  private static final Set<String> FLOATS = Set.of("FP16", "FP32", "FP64");
  private static final double SUM_TOLERANCE = 1e-3;

  private final KServeSettings settings;
  private final URI inferUri;
  private final URI readyUri;
  private final JsonHttp http;

  public KServeModel(KServeSettings settings, ObjectMapper json) {
    this.settings = settings;
    String model =
        settings.baseUrl().toString().replaceAll("/+$", "")
            + "/v2/models/"
            + segment(settings.modelName())
            + (settings.modelVersion() == null
                ? ""
                : "/versions/" + segment(settings.modelVersion()));
    this.inferUri = URI.create(model + "/infer");
    this.readyUri = URI.create(model + "/ready");
    this.http = new JsonHttp(settings.modelName(), settings.timeout(), json);
  }

  @Override
  public Prediction predict(ModelInput input) {
    long started = System.nanoTime();
    JsonNode answer = http.post(inferUri, request(input), Map.of());
    Duration latency = Duration.ofNanos(System.nanoTime() - started);
    JsonNode output = output(answer);
    String version =
        answer
            .path("model_version")
            .asText(settings.modelVersion() == null ? "unversioned" : settings.modelVersion());
    if ("BYTES".equals(output.path("datatype").asText())) {
      List<String> labels = input.labels().isEmpty() ? settings.labels() : input.labels();
      String label = labelFrom(output, labels);
      return new Prediction(
          label,
          settings.defaultConfidence(),
          Prediction.defaultDistribution(label, labels, settings.defaultConfidence()),
          modelId(),
          version,
          latency,
          ConfidenceSource.DEFAULT);
    }
    Map<String, Double> distribution = Prediction.restrict(probabilities(output), input.labels());
    String label = Prediction.mostLikely(distribution);
    return new Prediction(
        label,
        distribution.get(label),
        distribution,
        modelId(),
        version,
        latency,
        ConfidenceSource.MODEL);
  }

  /** Whether the server says the model is ready ({@code GET .../ready} answers 200). */
  public boolean isReady() {
    try {
      return http.getStatus(readyUri) == 200;
    } catch (ModelUnavailableException e) {
      return false;
    }
  }

  @Override
  public String modelId() {
    return settings.modelName();
  }

  private JsonNode request(ModelInput input) {
    ObjectNode body = http.json().createObjectNode();
    body.put("id", UUID.randomUUID().toString());
    ObjectNode tensor = body.putArray("inputs").addObject();
    tensor.put("name", settings.inputName());
    tensor.putArray("shape").add(1);
    tensor.put("datatype", "BYTES");
    tensor.putArray("data").add(input.text());
    if (settings.outputName() != null) {
      body.putArray("outputs").addObject().put("name", settings.outputName());
    }
    return body;
  }

  /** The configured output, else the first probability tensor that fits the labels, else BYTES. */
  private JsonNode output(JsonNode answer) {
    JsonNode outputs = answer.path("outputs");
    if (!outputs.isArray() || outputs.isEmpty()) {
      throw new ModelUnavailableException(modelId(), "answer has no outputs");
    }
    JsonNode bytes = null;
    for (JsonNode output : outputs) {
      String name = output.path("name").asText();
      String datatype = output.path("datatype").asText();
      if (settings.outputName() != null) {
        if (settings.outputName().equals(name)) {
          return output;
        }
      } else if (FLOATS.contains(datatype)
          && flatten(output.path("data")).size() == settings.labels().size()) {
        return output;
      } else if ("BYTES".equals(datatype) && bytes == null) {
        bytes = output;
      }
    }
    if (bytes != null) {
      return bytes;
    }
    throw new ModelUnavailableException(
        modelId(),
        settings.outputName() != null
            ? "answer has no output '" + settings.outputName() + "'"
            : "answer has no output of " + settings.labels().size() + " probabilities nor a label");
  }

  private Map<String, Double> probabilities(JsonNode output) {
    String name = output.path("name").asText();
    if (!FLOATS.contains(output.path("datatype").asText())) {
      throw new ModelUnavailableException(
          modelId(),
          "output '" + name + "' is " + output.path("datatype").asText() + ", not a float tensor");
    }
    List<JsonNode> data = flatten(output.path("data"));
    long elements = 1;
    for (JsonNode dimension : output.path("shape")) {
      elements *= dimension.asLong();
    }
    if (data.size() != settings.labels().size() || elements != data.size()) {
      throw new ModelUnavailableException(
          modelId(),
          "output '"
              + name
              + "' has shape "
              + output.path("shape")
              + " and "
              + data.size()
              + " values, expected [1, "
              + settings.labels().size()
              + "] for "
              + settings.labels());
    }
    Map<String, Double> distribution = new LinkedHashMap<>();
    double sum = 0;
    for (int i = 0; i < data.size(); i++) {
      double p = data.get(i).isNumber() ? data.get(i).asDouble() : Double.NaN;
      if (!(p >= 0 && p <= 1)) {
        throw new ModelUnavailableException(
            modelId(), "output '" + name + "' holds " + data.get(i) + ", not a probability");
      }
      distribution.put(settings.labels().get(i), p);
      sum += p;
    }
    if (Math.abs(sum - 1) > SUM_TOLERANCE) {
      throw new ModelUnavailableException(
          modelId(), "output '" + name + "' sums to " + sum + ", not to 1");
    }
    double total = sum;
    distribution.replaceAll((label, p) -> p / total);
    return distribution;
  }

  private String labelFrom(JsonNode output, List<String> labels) {
    List<JsonNode> data = flatten(output.path("data"));
    if (data.size() != 1 || !data.get(0).isTextual()) {
      throw new ModelUnavailableException(
          modelId(),
          "output '"
              + output.path("name").asText()
              + "' holds no single label: "
              + output.path("data"));
    }
    String label = data.get(0).asText();
    if (!labels.isEmpty() && !labels.contains(label)) {
      throw new ModelUnavailableException(
          modelId(), "label '" + label + "' is not one of " + labels);
    }
    return label;
  }

  /** Tensor data is row-major and flat by the protocol; some servers nest it anyway. */
  private static List<JsonNode> flatten(JsonNode data) {
    List<JsonNode> flat = new ArrayList<>();
    if (data.isArray()) {
      for (JsonNode each : data) {
        flat.addAll(each.isArray() ? flatten(each) : List.of(each));
      }
    }
    return flat;
  }

  private static String segment(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }
}

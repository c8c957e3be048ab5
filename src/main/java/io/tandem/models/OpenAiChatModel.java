package io.tandem.models;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Asks an OpenAI-compatible chat model ({@code POST {baseUrl}/v1/chat/completions}) to answer with
 * exactly one of the labels.
 *
 * <p>Confidence: the request asks for {@code logprobs} with the 5 top alternatives. When the answer
 * has them, each label gets the probability of the tokens among the alternatives for the answer's
 * first token that begin that label (a token that begins several labels counts for none), and these
 * are renormalised over the labels found; the confidence is the chosen label's share ({@link
 * ConfidenceSource#LOGPROBS}). Otherwise the confidence is the configured default ({@link
 * ConfidenceSource#DEFAULT}).
 */
public final class OpenAiChatModel implements ModelAdapter {

  private final OpenAiChatSettings settings;
  private final URI endpoint;
  private final JsonHttp http;

  public OpenAiChatModel(OpenAiChatSettings settings, ObjectMapper json) {
    this.settings = settings;
    String base = settings.baseUrl().toString().replaceAll("/+$", "").replaceAll("/v1$", "");
    this.endpoint = URI.create(base + "/v1/chat/completions");
    this.http = new JsonHttp(settings.model(), settings.timeout(), json);
  }

  @Override
  public Prediction predict(ModelInput input) {
    if (input.labels().size() < 2) {
      throw new IllegalArgumentException("a chat model needs at least two candidate labels");
    }
    long started = System.nanoTime();
    Map<String, String> headers =
        settings.apiKey() == null || settings.apiKey().isBlank()
            ? Map.of()
            : Map.of("Authorization", "Bearer " + settings.apiKey());
    JsonNode answer = http.post(endpoint, request(input), headers);
    Duration latency = Duration.ofNanos(System.nanoTime() - started);

    JsonNode choice = answer.path("choices").path(0);
    JsonNode content = choice.path("message").path("content");
    if (!content.isTextual()) {
      throw new ModelUnavailableException(modelId(), "answer has no choices[0].message.content");
    }
    String label = matchLabel(content.asText(), input.labels());
    Map<String, Double> fromLogprobs = labelProbabilities(choice.path("logprobs"), input.labels());
    String version = version(answer);
    if (fromLogprobs.getOrDefault(label, 0.0) > 0) {
      return new Prediction(
          label,
          fromLogprobs.get(label),
          fromLogprobs,
          modelId(),
          version,
          latency,
          ConfidenceSource.LOGPROBS);
    }
    return new Prediction(
        label,
        settings.defaultConfidence(),
        Prediction.defaultDistribution(label, input.labels(), settings.defaultConfidence()),
        modelId(),
        version,
        latency,
        ConfidenceSource.DEFAULT);
  }

  @Override
  public String modelId() {
    return settings.model();
  }

  private JsonNode request(ModelInput input) {
    ObjectNode body = http.json().createObjectNode();
    body.put("model", settings.model());
    ArrayNode messages = body.putArray("messages");
    messages
        .addObject()
        .put("role", "system")
        .put(
            "content",
            settings.instructions()
                + " Answer with exactly one of these labels and nothing else: "
                + String.join(", ", input.labels())
                + ".");
    StringBuilder user = new StringBuilder(input.text());
    if (!input.fields().isEmpty()) {
      user.append("\n\nFields: ").append(http.json().valueToTree(input.fields()).toString());
    }
    messages.addObject().put("role", "user").put("content", user.toString());
    body.put("temperature", 0);
    body.put("max_tokens", settings.maxTokens());
    body.put("logprobs", true);
    body.put("top_logprobs", 5);
    return body;
  }

  /** The label the answer names: the whole answer, or the only label it contains as a word. */
  private String matchLabel(String answer, List<String> labels) {
    String cleaned = clean(answer);
    for (String label : labels) {
      if (cleaned.equals(label.toLowerCase(Locale.ROOT))) {
        return label;
      }
    }
    String spaced = " " + cleaned.replaceAll("[^\\p{L}\\p{N}_-]+", " ") + " ";
    List<String> mentioned =
        labels.stream()
            .filter(l -> spaced.contains(" " + l.toLowerCase(Locale.ROOT) + " "))
            .toList();
    if (mentioned.size() == 1) {
      return mentioned.get(0);
    }
    throw new ModelUnavailableException(
        modelId(), "answer '" + abbreviate(answer) + "' is not exactly one of " + labels);
  }

  /** Each label's probability from the first answer token's alternatives; empty without them. */
  private static Map<String, Double> labelProbabilities(JsonNode logprobs, List<String> labels) {
    JsonNode first = null;
    for (JsonNode token : logprobs.path("content")) {
      if (!clean(token.path("token").asText("")).isEmpty()) {
        first = token;
        break;
      }
    }
    if (first == null) {
      return Map.of();
    }
    Map<String, Double> alternatives = new LinkedHashMap<>();
    for (JsonNode alternative : first.path("top_logprobs")) {
      if (alternative.path("logprob").isNumber()) {
        alternatives.putIfAbsent(
            alternative.path("token").asText(""), alternative.path("logprob").asDouble());
      }
    }
    if (first.path("logprob").isNumber()) {
      alternatives.putIfAbsent(first.path("token").asText(""), first.path("logprob").asDouble());
    }
    Map<String, Double> mass = new LinkedHashMap<>();
    labels.forEach(label -> mass.put(label, 0.0));
    alternatives.forEach(
        (token, logprob) -> {
          String start = clean(token);
          if (start.isEmpty()) {
            return;
          }
          List<String> begun =
              labels.stream().filter(l -> l.toLowerCase(Locale.ROOT).startsWith(start)).toList();
          if (begun.size() == 1) {
            mass.merge(begun.get(0), Math.exp(logprob), Double::sum);
          }
        });
    double total = mass.values().stream().mapToDouble(Double::doubleValue).sum();
    if (!(total > 0)) {
      return Map.of();
    }
    mass.replaceAll((label, p) -> p / total);
    return mass;
  }

  private static String version(JsonNode answer) {
    String model = answer.path("model").asText("");
    String fingerprint = answer.path("system_fingerprint").asText("");
    String version = fingerprint.isEmpty() ? model : model + "+" + fingerprint;
    return version.isEmpty() ? "unknown" : version;
  }

  /** Lower case, without surrounding blanks, quotes and punctuation. */
  private static String clean(String text) {
    return text.strip()
        .replaceAll("^[\\p{Punct}\\s]+|[\\p{Punct}\\s]+$", "")
        .toLowerCase(Locale.ROOT);
  }

  private static String abbreviate(String text) {
    return text.length() <= 80 ? text : text.substring(0, 80) + "…";
  }
}

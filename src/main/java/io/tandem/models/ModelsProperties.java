package io.tandem.models;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** {@code tandem.models.*}: which model adapters exist and how to reach them. */
@ConfigurationProperties("tandem.models")
record ModelsProperties(
    @DefaultValue Embedded embedded, @DefaultValue OpenAi openai, @DefaultValue KServe kserve) {

  /** The embedded classifier, trained at start from a {@code text<TAB>label} resource. */
  record Embedded(
      @DefaultValue("true") boolean enabled,
      @DefaultValue("classpath:models/demo-train.tsv") String trainingData) {}

  /** An OpenAI-compatible chat endpoint; the adapter exists when {@code base-url} is set. */
  record OpenAi(
      URI baseUrl,
      String model,
      String apiKey,
      @DefaultValue("30s") Duration timeout,
      @DefaultValue("0.5") double defaultConfidence,
      @DefaultValue("16") int maxTokens,
      String instructions) {}

  /** An Open Inference Protocol v2 endpoint; the adapter exists when {@code base-url} is set. */
  record KServe(
      URI baseUrl,
      String modelName,
      String modelVersion,
      @DefaultValue("text") String inputName,
      String outputName,
      @DefaultValue List<String> labels,
      @DefaultValue("10s") Duration timeout,
      @DefaultValue("0.5") double defaultConfidence) {}
}

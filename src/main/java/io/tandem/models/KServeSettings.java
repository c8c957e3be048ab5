package io.tandem.models;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How to reach a model served with the Open Inference Protocol v2 (KServe, Triton, MLServer, ...).
 *
 * @param baseUrl the inference server, e.g. {@code http://spam.models.example.com}
 * @param modelName the model's name on the server
 * @param modelVersion a version to pin ({@code /versions/{v}} in the path), or null for the
 *     server's choice
 * @param inputName the name of the BYTES input tensor that carries the text
 * @param outputName the output tensor to read, or null for the first one that fits
 * @param labels the labels, in the order of the probability tensor's columns
 * @param timeout for connecting and for the whole answer
 * @param defaultConfidence the confidence reported when the model answers with a label only
 */
public record KServeSettings(
    URI baseUrl,
    String modelName,
    String modelVersion,
    String inputName,
    String outputName,
    List<String> labels,
    Duration timeout,
    double defaultConfidence) {

  public KServeSettings {
    Objects.requireNonNull(baseUrl, "baseUrl");
    Objects.requireNonNull(modelName, "modelName");
    inputName = inputName == null || inputName.isBlank() ? "text" : inputName;
    outputName = outputName == null || outputName.isBlank() ? null : outputName;
    modelVersion = modelVersion == null || modelVersion.isBlank() ? null : modelVersion;
    labels = labels == null ? List.of() : List.copyOf(labels);
    timeout = timeout == null ? Duration.ofSeconds(10) : timeout;
    if (!(defaultConfidence >= 0 && defaultConfidence <= 1)) {
      throw new IllegalArgumentException("defaultConfidence must be in [0, 1]");
    }
  }

  public static KServeSettings of(URI baseUrl, String modelName, List<String> labels) {
    return new KServeSettings(baseUrl, modelName, null, null, null, labels, null, 0.5);
  }

  public KServeSettings withTimeout(Duration timeout) {
    return new KServeSettings(
        baseUrl,
        modelName,
        modelVersion,
        inputName,
        outputName,
        labels,
        timeout,
        defaultConfidence);
  }

  public KServeSettings withOutputName(String outputName) {
    return new KServeSettings(
        baseUrl,
        modelName,
        modelVersion,
        inputName,
        outputName,
        labels,
        timeout,
        defaultConfidence);
  }

  public KServeSettings withModelVersion(String modelVersion) {
    return new KServeSettings(
        baseUrl,
        modelName,
        modelVersion,
        inputName,
        outputName,
        labels,
        timeout,
        defaultConfidence);
  }
}

package io.tandem.models;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A model's answer: the label, its confidence (the probability of that label, 0..1), the
 * probability of every candidate label, which model and version answered, and how long it took.
 */
public record Prediction(
    String label,
    double confidence,
    Map<String, Double> probabilities,
    String modelId,
    String modelVersion,
    Duration latency,
    ConfidenceSource confidenceSource) {

  public Prediction {
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(modelId, "modelId");
    Objects.requireNonNull(modelVersion, "modelVersion");
    Objects.requireNonNull(latency, "latency");
    Objects.requireNonNull(confidenceSource, "confidenceSource");
    if (!(confidence >= 0 && confidence <= 1)) {
      throw new IllegalArgumentException("confidence must be in [0, 1]: " + confidence);
    }
    probabilities = Collections.unmodifiableMap(new LinkedHashMap<>(probabilities));
  }

  /**
   * A label without a measured probability: the default confidence for it and the rest shared
   * evenly among the other labels, marked {@link ConfidenceSource#DEFAULT}.
   */
  static Map<String, Double> defaultDistribution(
      String label, List<String> labels, double defaultConfidence) {
    Map<String, Double> probabilities = new LinkedHashMap<>();
    double others = labels.size() > 1 ? (1 - defaultConfidence) / (labels.size() - 1) : 0;
    for (String each : labels) {
      probabilities.put(each, each.equals(label) ? defaultConfidence : others);
    }
    probabilities.putIfAbsent(label, defaultConfidence);
    return probabilities;
  }

  /**
   * Keeps the candidate labels of a distribution and renormalises them; the label with the highest
   * probability wins (the first one on a tie).
   *
   * @throws IllegalArgumentException when a candidate is not in the distribution
   */
  static Map<String, Double> restrict(Map<String, Double> distribution, List<String> candidates) {
    if (candidates.isEmpty()) {
      return distribution;
    }
    Map<String, Double> restricted = new LinkedHashMap<>();
    double sum = 0;
    for (String candidate : candidates) {
      Double p = distribution.get(candidate);
      if (p == null) {
        throw new IllegalArgumentException(
            "label '" + candidate + "' is not one of the model's labels " + distribution.keySet());
      }
      restricted.put(candidate, p);
      sum += p;
    }
    if (sum <= 0) {
      throw new IllegalArgumentException("the model gives no probability to " + candidates);
    }
    double total = sum;
    restricted.replaceAll((label, p) -> p / total);
    return restricted;
  }

  static String mostLikely(Map<String, Double> distribution) {
    String best = null;
    double max = -1;
    for (Map.Entry<String, Double> entry : distribution.entrySet()) {
      if (entry.getValue() > max) {
        best = entry.getKey();
        max = entry.getValue();
      }
    }
    return best;
  }
}

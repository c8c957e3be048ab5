package io.tandem.models;

import io.tandem.models.HashedTextFeatures.SparseVector;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The embedded model: a text classifier trained in-process, with calibrated probabilities.
 * Multinomial logistic regression with an L2 penalty over hashed word, word-bigram and character
 * n-gram features (see {@link HashedTextFeatures}, {@link SoftmaxRegression}). Training is
 * deterministic, so the version, a short hash of the training data and the hyper-parameters, names
 * exactly one set of weights. It reads the text only, not the input's structured fields. Immutable
 * and thread-safe; {@link #retrain} gives a new model.
 */
public final class EmbeddedTextModel implements TrainableModel {

  public static final String MODEL_ID = "tandem-embedded-text";
  public static final String KIND = "ngram-logistic";

  private final List<LabelledExample> trainingExamples;
  private final TrainingParameters parameters;
  private final List<String> labels;
  private final HashedTextFeatures features;
  private final SoftmaxRegression regression;
  private final String version;

  private EmbeddedTextModel(
      List<LabelledExample> trainingExamples,
      TrainingParameters parameters,
      List<String> labels,
      HashedTextFeatures features,
      SoftmaxRegression regression,
      String version) {
    this.trainingExamples = trainingExamples;
    this.parameters = parameters;
    this.labels = labels;
    this.features = features;
    this.regression = regression;
    this.version = version;
  }

  public static EmbeddedTextModel train(List<LabelledExample> examples) {
    return train(examples, TrainingParameters.DEFAULTS);
  }

  /**
   * @throws IllegalArgumentException when the examples carry fewer than two labels
   */
  public static EmbeddedTextModel train(
      List<LabelledExample> examples, TrainingParameters parameters) {
    List<LabelledExample> data = List.copyOf(examples);
    List<String> labels = data.stream().map(LabelledExample::label).distinct().sorted().toList();
    if (labels.size() < 2) {
      throw new IllegalArgumentException("training needs at least two labels, got " + labels);
    }
    HashedTextFeatures features = new HashedTextFeatures(parameters);
    List<SparseVector> inputs = data.stream().map(e -> features.extract(e.text())).toList();
    int[] targets = data.stream().mapToInt(e -> labels.indexOf(e.label())).toArray();
    SoftmaxRegression regression =
        SoftmaxRegression.train(inputs, targets, labels.size(), parameters);
    return new EmbeddedTextModel(
        data, parameters, labels, features, regression, version(data, parameters));
  }

  /**
   * A new model trained on this model's training data followed by the given examples (human answers
   * fed back), with the same hyper-parameters, and so a new version.
   */
  @Override
  public EmbeddedTextModel retrain(List<LabelledExample> feedback) {
    List<LabelledExample> data = new ArrayList<>(trainingExamples);
    data.addAll(feedback);
    return train(data, parameters);
  }

  @Override
  public Prediction predict(ModelInput input) {
    long started = System.nanoTime();
    Map<String, Double> distribution =
        Prediction.restrict(probabilities(input.text()), input.labels());
    String label = Prediction.mostLikely(distribution);
    return new Prediction(
        label,
        distribution.get(label),
        distribution,
        MODEL_ID,
        version,
        Duration.ofNanos(System.nanoTime() - started),
        ConfidenceSource.MODEL);
  }

  /** The probability of each of the model's labels for a text. */
  @Override
  public Map<String, Double> probabilities(String text) {
    double[] p = regression.probabilities(features.extract(text));
    Map<String, Double> distribution = new LinkedHashMap<>();
    for (int k = 0; k < labels.size(); k++) {
      distribution.put(labels.get(k), p[k]);
    }
    return distribution;
  }

  @Override
  public String modelId() {
    return MODEL_ID;
  }

  @Override
  public String kind() {
    return KIND;
  }

  /** A short hash of the training data, the hyper-parameters and the feature scheme. */
  @Override
  public String version() {
    return version;
  }

  @Override
  public List<String> labels() {
    return labels;
  }

  public TrainingParameters parameters() {
    return parameters;
  }

  @Override
  public List<LabelledExample> trainingExamples() {
    return trainingExamples;
  }

  /** Gradient steps the optimiser took: fewer than the maximum means it converged. */
  public int iterations() {
    return regression.iterations();
  }

  public int featureCount() {
    return regression.vocabularySize();
  }

  private static String version(List<LabelledExample> data, TrainingParameters parameters) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(
          (HashedTextFeatures.SCHEME + '\n' + parameters + '\n').getBytes(StandardCharsets.UTF_8));
      for (LabelledExample example : data) {
        sha.update(
            (example.text() + '\t' + example.label() + '\n').getBytes(StandardCharsets.UTF_8));
      }
      return HexFormat.of().formatHex(sha.digest(), 0, 6);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  @Override
  public String toString() {
    return MODEL_ID + "@" + version + " " + labels + " trained on " + trainingExamples.size();
  }
}

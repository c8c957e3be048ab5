package io.tandem.models;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tribuo.Example;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.sgd.linear.LinearSGDTrainer;
import org.tribuo.classification.sgd.objectives.LogMulticlass;
import org.tribuo.impl.ArrayExample;
import org.tribuo.math.optimisers.AdaGrad;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/**
 * The embedded model's stronger variant: a sentence embedding (all-MiniLM-L6-v2, see {@link
 * SentenceEmbeddings}) followed by a multinomial logistic-regression head that Tribuo trains
 * (AdaGrad, log loss, fixed seed, so training is deterministic). Immutable and thread-safe; {@link
 * #retrain} gives a new model, with a new version: a short hash of its training data and settings.
 */
public final class SentenceEmbeddingModel implements TrainableModel {

  public static final String KIND = "minilm-logistic";
  private static final int EPOCHS = 20;
  private static final long SEED = 42;
  private static final String[] FEATURE_NAMES = featureNames(384);

  private final SentenceEmbeddings embeddings;
  private final List<LabelledExample> trainingExamples;
  private final Model<Label> head;
  private final List<String> labels;
  private final String version;

  private SentenceEmbeddingModel(SentenceEmbeddings embeddings, List<LabelledExample> trainingExamples,
      Model<Label> head, List<String> labels, String version) {
    this.embeddings = embeddings;
    this.trainingExamples = trainingExamples;
    this.head = head;
    this.labels = labels;
    this.version = version;
  }

  /**
   * @throws IllegalArgumentException when the examples carry fewer than two labels
   */
  public static SentenceEmbeddingModel train(SentenceEmbeddings embeddings, List<LabelledExample> examples) {
    List<LabelledExample> data = List.copyOf(examples);
    List<String> labels = data.stream().map(LabelledExample::label).distinct().sorted().toList();
    if (labels.size() < 2) {
      throw new IllegalArgumentException("training needs at least two labels, got " + labels);
    }
    List<float[]> vectors = embeddings.embedAll(data.stream().map(LabelledExample::text).toList());
    LabelFactory factory = new LabelFactory();
    MutableDataset<Label> dataset =
        new MutableDataset<>(new SimpleDataSourceProvenance("tandem feedback", factory), factory);
    for (int i = 0; i < data.size(); i++) {
      dataset.add(example(new Label(data.get(i).label()), vectors.get(i)));
    }
    var trainer = new LinearSGDTrainer(new LogMulticlass(), new AdaGrad(0.5, 0.1), EPOCHS,
        Integer.MAX_VALUE, 1, SEED);
    return new SentenceEmbeddingModel(embeddings, data, trainer.train(dataset), labels, version(data));
  }

  @Override
  public SentenceEmbeddingModel retrain(List<LabelledExample> feedback) {
    List<LabelledExample> data = new ArrayList<>(trainingExamples);
    data.addAll(feedback);
    return train(embeddings, data);
  }

  @Override
  public Prediction predict(ModelInput input) {
    long started = System.nanoTime();
    Map<String, Double> distribution = Prediction.restrict(probabilities(input.text()), input.labels());
    String label = Prediction.mostLikely(distribution);
    return new Prediction(label, distribution.get(label), distribution, modelId(), version,
        Duration.ofNanos(System.nanoTime() - started), ConfidenceSource.MODEL);
  }

  @Override
  public Map<String, Double> probabilities(String text) {
    var scores = head.predict(example(LabelFactory.UNKNOWN_LABEL, embeddings.embed(text))).getOutputScores();
    Map<String, Double> distribution = new LinkedHashMap<>();
    for (String label : labels) {
      Label scored = scores.get(label);
      distribution.put(label, scored == null ? 0.0 : scored.getScore());
    }
    return distribution;
  }

  @Override
  public String modelId() {
    return EmbeddedTextModel.MODEL_ID;
  }

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public String version() {
    return version;
  }

  @Override
  public List<String> labels() {
    return labels;
  }

  @Override
  public List<LabelledExample> trainingExamples() {
    return trainingExamples;
  }

  private static Example<Label> example(Label label, float[] vector) {
    double[] values = new double[vector.length];
    for (int i = 0; i < vector.length; i++) {
      values[i] = vector[i];
    }
    return new ArrayExample<>(label, FEATURE_NAMES, values);
  }

  private static String[] featureNames(int dimensions) {
    String[] names = new String[dimensions];
    for (int i = 0; i < dimensions; i++) {
      names[i] = String.format("e%03d", i);
    }
    return names;
  }

  private static String version(List<LabelledExample> data) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update((KIND + " epochs=" + EPOCHS + " seed=" + SEED + '\n').getBytes(StandardCharsets.UTF_8));
      for (LabelledExample example : data) {
        sha.update((example.text() + '\t' + example.label() + '\n').getBytes(StandardCharsets.UTF_8));
      }
      return HexFormat.of().formatHex(sha.digest(), 0, 6);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  @Override
  public String toString() {
    return KIND + "@" + version + " " + labels + " trained on " + trainingExamples.size();
  }
}

package io.tandem.models;

import java.util.List;
import java.util.Map;

/**
 * An embedded model that learns from labelled examples: the n-gram classifier ({@link
 * EmbeddedTextModel}) or sentence embeddings with a trained head ({@link SentenceEmbeddingModel}).
 * Its version names exactly one training set and its settings.
 */
public interface TrainableModel extends ModelAdapter {

  /** A new model trained on this one's examples followed by the given ones. */
  TrainableModel retrain(List<LabelledExample> feedback);

  Map<String, Double> probabilities(String text);

  /** Which kind of model, e.g. {@code ngram-logistic}. */
  String kind();

  String version();

  List<String> labels();

  List<LabelledExample> trainingExamples();
}

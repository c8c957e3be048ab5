package io.tandem.models;

/**
 * One way to get a prediction from a model: the embedded classifier, an OpenAI-compatible chat
 * endpoint or a KServe (Open Inference Protocol v2) endpoint. Implementations are thread-safe.
 */
public interface ModelAdapter {

  /**
   * Predicts one of the input's candidate labels.
   *
   * @throws ModelUnavailableException when the model cannot answer now (down, slow, garbled answer)
   * @throws IllegalArgumentException when the input asks for labels this model cannot give
   */
  Prediction predict(ModelInput input);

  /** A stable name of the model behind this adapter, e.g. {@code tandem-embedded-text}. */
  String modelId();
}

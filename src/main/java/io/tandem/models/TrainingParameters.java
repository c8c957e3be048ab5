package io.tandem.models;

/**
 * Hyper-parameters of the embedded text classifier. They are part of its version, so a change here
 * is a new model version.
 *
 * @param hashBits features are hashed into 2^hashBits buckets (only the buckets seen in training
 *     are kept)
 * @param minCharGram shortest character n-gram
 * @param maxCharGram longest character n-gram
 * @param l2 L2 penalty on the weights (not on the biases); the default was chosen by 5-fold
 *     cross-validation on the demo set for the lowest calibration error (ECE)
 * @param maxIterations most gradient steps of the optimiser
 * @param tolerance stop when no gradient component is larger than this
 */
public record TrainingParameters(
    int hashBits,
    int minCharGram,
    int maxCharGram,
    double l2,
    int maxIterations,
    double tolerance) {

  public static final TrainingParameters DEFAULTS =
      new TrainingParameters(20, 3, 5, 3e-6, 1000, 1e-6);

  public TrainingParameters {
    if (hashBits < 8 || hashBits > 30) {
      throw new IllegalArgumentException("hashBits must be in [8, 30]: " + hashBits);
    }
    if (minCharGram < 1 || maxCharGram < minCharGram) {
      throw new IllegalArgumentException("char n-grams must satisfy 1 <= min <= max");
    }
    if (!(l2 > 0) || maxIterations < 1 || !(tolerance > 0)) {
      throw new IllegalArgumentException("l2, maxIterations and tolerance must be positive");
    }
  }

  public TrainingParameters withL2(double l2) {
    return new TrainingParameters(hashBits, minCharGram, maxCharGram, l2, maxIterations, tolerance);
  }
}

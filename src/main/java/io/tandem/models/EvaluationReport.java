package io.tandem.models;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How a model did on labelled data.
 *
 * @param expectedCalibrationError top-label ECE over {@code bins} equal-width confidence bins: the
 *     mean gap between confidence and accuracy, weighted by the share of examples in each bin
 * @param brierScore mean squared error of the probability vector against the one-hot truth
 * @param confusion per true label, how often the model gave each label
 * @param reliability a reliability diagram's data: per confidence bin, its examples, mean
 *     confidence and accuracy
 */
public record EvaluationReport(
    String modelId,
    String modelVersion,
    int examples,
    double accuracy,
    double expectedCalibrationError,
    int bins,
    double brierScore,
    Map<String, LabelMetrics> perLabel,
    Map<String, Map<String, Integer>> confusion,
    List<ReliabilityBin> reliability) {

  /** One bin of a reliability diagram: confidences in [lower, upper). */
  public record ReliabilityBin(double lower, double upper, int examples, double meanConfidence, double accuracy) {}

  /** The unweighted mean of the labels' F1 (labels with support or predictions). */
  public double macroF1() {
    return perLabel.values().stream().mapToDouble(LabelMetrics::f1).average().orElse(0);
  }

  /**
   * @param support examples that carry this label
   * @param predicted examples the model gave this label
   * @param precision share of the predicted that were right (0 when none were predicted)
   * @param recall share of the support found (0 when there is no support)
   */
  public record LabelMetrics(int support, int predicted, double precision, double recall) {
    public double f1() {
      return precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
    }
  }

  public String summary() {
    StringBuilder out =
        new StringBuilder(
            String.format(
                Locale.ROOT,
                "%s@%s on %d examples: accuracy %.4f, macro-F1 %.4f, ECE %.4f (%d bins), Brier %.4f",
                modelId,
                modelVersion,
                examples,
                accuracy,
                macroF1(),
                expectedCalibrationError,
                bins,
                brierScore));
    perLabel.forEach(
        (label, m) ->
            out.append(
                String.format(
                    Locale.ROOT,
                    "%n  %-12s support %5d  precision %.4f  recall %.4f",
                    label,
                    m.support(),
                    m.precision(),
                    m.recall())));
    return out.toString();
  }
}

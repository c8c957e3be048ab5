package io.tandem.models;

import io.tandem.models.EvaluationReport.LabelMetrics;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Measures a model on labelled data: accuracy, precision and recall per label, calibration (ECE)
 * and Brier score. Used by tests on held-out data and by benchmarks on a TSV beside the project.
 */
public final class ModelEvaluation {

  public static final int DEFAULT_BINS = 10;

  private ModelEvaluation() {}

  /** Evaluates on a {@code text<TAB>label} file (see {@link LabelledTsv}). */
  public static EvaluationReport evaluate(ModelAdapter model, Path tsv, List<String> labels) {
    return evaluate(model, LabelledTsv.read(tsv), labels);
  }

  /**
   * @param labels the candidate labels to ask for; empty for the labels found in the examples
   */
  public static EvaluationReport evaluate(
      ModelAdapter model, List<LabelledExample> examples, List<String> labels) {
    if (examples.isEmpty()) {
      throw new IllegalArgumentException("no examples to evaluate on");
    }
    List<String> candidates =
        labels.isEmpty()
            ? examples.stream().map(LabelledExample::label).distinct().sorted().toList()
            : List.copyOf(labels);
    double[] confidences = new double[examples.size()];
    boolean[] correct = new boolean[examples.size()];
    Map<String, int[]> counts = new LinkedHashMap<>(); // support, predicted, true positives
    Map<String, Map<String, Integer>> confusion = new LinkedHashMap<>();
    candidates.forEach(label -> confusion.put(label, new LinkedHashMap<>()));
    candidates.forEach(label -> counts.put(label, new int[3]));
    double brier = 0;
    String modelVersion = null;
    for (int i = 0; i < examples.size(); i++) {
      LabelledExample example = examples.get(i);
      Prediction prediction = model.predict(ModelInput.of(example.text(), candidates));
      modelVersion = prediction.modelVersion();
      confidences[i] = prediction.confidence();
      correct[i] = prediction.label().equals(example.label());
      confusion.computeIfAbsent(example.label(), l -> new LinkedHashMap<>())
          .merge(prediction.label(), 1, Integer::sum);
      counts.computeIfAbsent(example.label(), l -> new int[3])[0]++;
      counts.computeIfAbsent(prediction.label(), l -> new int[3])[1]++;
      if (correct[i]) {
        counts.get(example.label())[2]++;
      }
      for (String label : candidates) {
        double p = prediction.probabilities().getOrDefault(label, 0.0);
        double truth = label.equals(example.label()) ? 1 : 0;
        brier += (p - truth) * (p - truth);
      }
    }
    Map<String, LabelMetrics> perLabel = new LinkedHashMap<>();
    counts.forEach(
        (label, c) ->
            perLabel.put(
                label,
                new LabelMetrics(
                    c[0],
                    c[1],
                    c[1] == 0 ? 0 : (double) c[2] / c[1],
                    c[0] == 0 ? 0 : (double) c[2] / c[0])));
    int right = 0;
    for (boolean each : correct) {
      right += each ? 1 : 0;
    }
    return new EvaluationReport(
        model.modelId(),
        modelVersion,
        examples.size(),
        (double) right / examples.size(),
        expectedCalibrationError(confidences, correct, DEFAULT_BINS),
        DEFAULT_BINS,
        brier / examples.size(),
        perLabel,
        confusion,
        reliability(confidences, correct, DEFAULT_BINS));
  }

  static List<EvaluationReport.ReliabilityBin> reliability(double[] confidences, boolean[] correct, int bins) {
    double[] confidenceSum = new double[bins];
    int[] rightCount = new int[bins];
    int[] count = new int[bins];
    for (int i = 0; i < confidences.length; i++) {
      int bin = Math.min(bins - 1, (int) (confidences[i] * bins));
      confidenceSum[bin] += confidences[i];
      rightCount[bin] += correct[i] ? 1 : 0;
      count[bin]++;
    }
    List<EvaluationReport.ReliabilityBin> out = new ArrayList<>();
    for (int b = 0; b < bins; b++) {
      out.add(new EvaluationReport.ReliabilityBin((double) b / bins, (double) (b + 1) / bins, count[b],
          count[b] == 0 ? 0 : confidenceSum[b] / count[b], count[b] == 0 ? 0 : (double) rightCount[b] / count[b]));
    }
    return out;
  }

  /** Top-label ECE: sum over bins of (bin share) * |accuracy in bin - mean confidence in bin|. */
  static double expectedCalibrationError(double[] confidences, boolean[] correct, int bins) {
    double ece = 0;
    for (EvaluationReport.ReliabilityBin bin : reliability(confidences, correct, bins)) {
      ece += Math.abs(bin.accuracy() - bin.meanConfidence()) * bin.examples() / confidences.length;
    }
    return ece;
  }

}

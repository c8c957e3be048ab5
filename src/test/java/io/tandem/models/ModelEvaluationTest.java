package io.tandem.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelEvaluationTest {

  /** A model that answers from a table: text -> probability of spam. */
  private record TableModel(Map<String, Double> spamProbability) implements ModelAdapter {

    @Override
    public Prediction predict(ModelInput input) {
      double spam = spamProbability.get(input.text());
      String label = spam >= 0.5 ? "spam" : "ham";
      return new Prediction(
          label,
          Math.max(spam, 1 - spam),
          Map.of("spam", spam, "ham", 1 - spam),
          modelId(),
          "v1",
          Duration.ZERO,
          ConfidenceSource.MODEL);
    }

    @Override
    public String modelId() {
      return "table";
    }
  }

  @Test
  void shouldMeasureAccuracyPrecisionRecallAndCalibration(@TempDir Path dir) throws Exception {
    // given
    Path tsv = dir.resolve("test.tsv");
    Files.writeString(
        tsv,
        """
        text\tlabel
        a\tspam
        b\tspam
        c\tham
        d\tham
        e\tham
        """);
    TableModel model = new TableModel(Map.of("a", 0.9, "b", 0.3, "c", 0.1, "d", 0.2, "e", 0.6));

    // when
    EvaluationReport report = ModelEvaluation.evaluate(model, tsv, List.of("spam", "ham"));

    // then: a, c, d right; b (said ham) and e (said spam) wrong
    assertThat(report.examples()).isEqualTo(5);
    assertThat(report.accuracy()).isCloseTo(0.6, within(1e-12));
    assertThat(report.perLabel().get("spam"))
        .isEqualTo(new EvaluationReport.LabelMetrics(2, 2, 0.5, 0.5));
    assertThat(report.perLabel().get("ham").precision()).isCloseTo(2.0 / 3, within(1e-12));
    assertThat(report.perLabel().get("ham").recall()).isCloseTo(2.0 / 3, within(1e-12));
    // bins: 0.9 -> [0.9,1.0) {a right, c right}: |1 - 0.9| = 0.1 for both
    //       0.7 -> {b wrong}: |0 - 0.7|;  0.8 -> {d right}: |1 - 0.8|;  0.6 -> {e wrong}: |0 - 0.6|
    double expected = (2 * 0.1 + 0.7 + 0.2 + 0.6) / 5;
    assertThat(report.expectedCalibrationError()).isCloseTo(expected, within(1e-12));
    double brier = (2 * 0.01 + 2 * 0.49 + 2 * 0.01 + 2 * 0.04 + 2 * 0.36) / 5;
    assertThat(report.brierScore()).isCloseTo(brier, within(1e-12));
    assertThat(report.modelVersion()).isEqualTo("v1");
    assertThat(report.summary()).contains("accuracy 0.6000").contains("spam");
  }

  @Test
  void shouldGiveNoCalibrationErrorWhenConfidenceMatchesAccuracy() {
    // given: in the 0.75 bin, three of four right
    double[] confidences = {0.75, 0.75, 0.75, 0.75};
    boolean[] correct = {true, true, true, false};

    // when
    double ece = ModelEvaluation.expectedCalibrationError(confidences, correct, 10);

    // then
    assertThat(ece).isCloseTo(0, within(1e-12));
  }
}

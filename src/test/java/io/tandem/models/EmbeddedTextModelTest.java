package io.tandem.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class EmbeddedTextModelTest {

  private static List<LabelledExample> demo;
  private static EmbeddedTextModel model;

  @BeforeAll
  static void trainOnTheDemoSet() throws Exception {
    try (InputStream in =
        EmbeddedTextModelTest.class.getResourceAsStream("/models/demo-train.tsv")) {
      demo = LabelledTsv.read(in, "demo-train.tsv");
    }
    model = EmbeddedTextModel.train(demo);
  }

  @Test
  void shouldShipAVariedDemoTrainingSet() {
    assertThat(demo).hasSizeGreaterThanOrEqualTo(300);
    Map<String, Long> perLabel =
        demo.stream().collect(Collectors.groupingBy(LabelledExample::label, Collectors.counting()));
    assertThat(perLabel.keySet()).containsExactlyInAnyOrder("spam", "ham");
    assertThat(perLabel.values()).allMatch(count -> count >= 100);
    assertThat(demo.stream().map(LabelledExample::text).distinct().count()).isEqualTo(demo.size());
  }

  @Test
  void shouldTellSpamFromHam() {
    // when
    Prediction spam =
        model.predict(
            ModelInput.of(
                "Congratulations! You won a £1000 gift card. Call 09061234567 now to claim",
                List.of("spam", "ham")));
    Prediction ham =
        model.predict(ModelInput.of("Can you pick up the kids from school at 3?", List.of()));

    // then
    assertThat(spam.label()).isEqualTo("spam");
    assertThat(spam.confidence()).isGreaterThan(0.8);
    assertThat(ham.label()).isEqualTo("ham");
    assertThat(ham.confidence()).isGreaterThan(0.8);
    assertThat(spam.probabilities().values().stream().mapToDouble(Double::doubleValue).sum())
        .isCloseTo(1.0, within(1e-9));
    assertThat(spam.confidence()).isEqualTo(spam.probabilities().get("spam"));
    assertThat(spam.modelId()).isEqualTo("tandem-embedded-text");
    assertThat(spam.modelVersion()).isEqualTo(model.version()).hasSize(12);
    assertThat(spam.confidenceSource()).isEqualTo(ConfidenceSource.MODEL);
  }

  @Test
  void shouldTrainDeterministically() {
    // when
    EmbeddedTextModel again = EmbeddedTextModel.train(demo);

    // then
    assertThat(again.version()).isEqualTo(model.version());
    for (LabelledExample example : demo.subList(0, 20)) {
      assertThat(again.probabilities(example.text()))
          .isEqualTo(model.probabilities(example.text()));
    }
  }

  @Test
  void shouldVersionByTrainingDataAndHyperParameters() {
    // when
    EmbeddedTextModel otherParameters =
        EmbeddedTextModel.train(demo, TrainingParameters.DEFAULTS.withL2(1e-4));
    EmbeddedTextModel otherData = EmbeddedTextModel.train(demo.subList(1, demo.size()));

    // then
    assertThat(otherParameters.version()).isNotEqualTo(model.version());
    assertThat(otherData.version()).isNotEqualTo(model.version());
  }

  @Test
  void shouldRetrainWithFeedbackIntoANewVersion() {
    // given
    String newScam = "Zorblat token airdrop live: connect your zorblat wallet today";
    List<LabelledExample> feedback = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      feedback.add(new LabelledExample("zorblat airdrop number " + i + " connect wallet", "spam"));
    }
    double before = model.probabilities(newScam).get("spam");

    // when
    EmbeddedTextModel retrained = model.retrain(feedback);

    // then
    assertThat(retrained.version()).isNotEqualTo(model.version());
    assertThat(retrained.trainingExamples()).hasSize(demo.size() + feedback.size());
    assertThat(retrained.parameters()).isEqualTo(model.parameters());
    assertThat(retrained.probabilities(newScam).get("spam")).isGreaterThan(before);
    assertThat(retrained.predict(ModelInput.of(newScam, List.of())).label()).isEqualTo("spam");
  }

  @Test
  void shouldRefuseLabelsItDoesNotKnow() {
    assertThatThrownBy(() -> model.predict(ModelInput.of("hello", List.of("spam", "phishing"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("phishing");
  }

  @Test
  void shouldRefuseToTrainOnASingleLabel() {
    assertThatThrownBy(() -> EmbeddedTextModel.train(List.of(new LabelledExample("hi", "ham"))))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shouldBeAccurateAndCalibratedOnHeldOutData() {
    // given: a stratified 70/30 split with a fixed seed
    List<LabelledExample> training = new ArrayList<>();
    List<LabelledExample> heldOut = new ArrayList<>();
    Random random = new Random(42);
    demo.stream().collect(Collectors.groupingBy(LabelledExample::label)).entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(
            group -> {
              List<LabelledExample> examples = new ArrayList<>(group.getValue());
              Collections.shuffle(examples, random);
              int cut = (int) Math.round(examples.size() * 0.3);
              heldOut.addAll(examples.subList(0, cut));
              training.addAll(examples.subList(cut, examples.size()));
            });

    // when
    EmbeddedTextModel trained = EmbeddedTextModel.train(training);
    EvaluationReport report = ModelEvaluation.evaluate(trained, heldOut, List.of());
    System.out.println("held-out " + report.summary());

    // then
    assertThat(trained.iterations()).isLessThan(trained.parameters().maxIterations());
    assertThat(report.examples()).isEqualTo(heldOut.size());
    assertThat(report.accuracy()).isGreaterThanOrEqualTo(0.90);
    assertThat(report.expectedCalibrationError()).isLessThanOrEqualTo(0.08);
    assertThat(report.perLabel().get("spam").recall()).isGreaterThanOrEqualTo(0.85);
    assertThat(report.perLabel().get("spam").precision()).isGreaterThanOrEqualTo(0.85);
  }

  @Test
  void shouldBeCalibratedAcrossCrossValidationFolds() {
    // given: 5 folds over a seeded shuffle, predictions pooled
    List<LabelledExample> shuffled = new ArrayList<>(demo);
    Collections.shuffle(shuffled, new Random(7));
    int folds = 5;
    double[] confidences = new double[shuffled.size()];
    boolean[] correct = new boolean[shuffled.size()];

    // when
    int next = 0;
    for (int fold = 0; fold < folds; fold++) {
      List<LabelledExample> training = new ArrayList<>();
      List<LabelledExample> test = new ArrayList<>();
      for (int i = 0; i < shuffled.size(); i++) {
        (i % folds == fold ? test : training).add(shuffled.get(i));
      }
      EmbeddedTextModel trained = EmbeddedTextModel.train(training);
      for (LabelledExample example : test) {
        Prediction prediction = trained.predict(ModelInput.of(example.text(), List.of()));
        confidences[next] = prediction.confidence();
        correct[next++] = prediction.label().equals(example.label());
      }
    }
    double ece = ModelEvaluation.expectedCalibrationError(confidences, correct, 10);
    double accuracy = 0;
    for (boolean each : correct) {
      accuracy += each ? 1.0 / correct.length : 0;
    }
    System.out.printf("5-fold cross-validation: accuracy %.4f, ECE %.4f%n", accuracy, ece);

    // then
    assertThat(accuracy).isGreaterThanOrEqualTo(0.92);
    assertThat(ece).isLessThanOrEqualTo(0.05);
  }
}

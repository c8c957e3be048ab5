package io.tandem.models;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

class SentenceEmbeddingModelTest {

  @Test
  void shouldTrainDeterministicallyAndRetrainToANewVersion() throws Exception {
    // given
    List<LabelledExample> demo;
    try (InputStream in = getClass().getResourceAsStream("/models/demo-train.tsv")) {
      demo = LabelledTsv.read(in, "demo-train.tsv");
    }
    SentenceEmbeddings embeddings = new SentenceEmbeddings();

    // when
    SentenceEmbeddingModel model = SentenceEmbeddingModel.train(embeddings, demo);
    SentenceEmbeddingModel again = SentenceEmbeddingModel.train(embeddings, demo);
    SentenceEmbeddingModel retrained = model.retrain(List.of(new LabelledExample("free ringtone, text WIN now", "spam")));
    EvaluationReport report = ModelEvaluation.evaluate(model, demo, model.labels());

    // then
    assertThat(again.version()).isEqualTo(model.version());
    assertThat(retrained.version()).isNotEqualTo(model.version());
    assertThat(model.labels()).containsExactly("ham", "spam");
    assertThat(report.accuracy()).isGreaterThan(0.8);
    assertThat(report.confusion().values().stream().flatMap(row -> row.values().stream())
        .mapToInt(Integer::intValue).sum()).isEqualTo(demo.size());
    assertThat(report.reliability()).hasSize(ModelEvaluation.DEFAULT_BINS);
    assertThat(report.macroF1()).isBetween(0.0, 1.0);
  }
}

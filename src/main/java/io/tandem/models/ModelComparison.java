package io.tandem.models;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;

/**
 * Compares the embedded model's kinds on a labelled TSV (e.g. the SMS Spam Collection, labels coded
 * {@code 0=spam,1=ham}): a seeded shuffle, 80% to train and 20% to test; prints accuracy, macro-F1,
 * ECE, Brier, training time and milliseconds per text for each kind.
 *
 * <pre>
 * java -cp ... io.tandem.models.ModelComparison ../shared/datasets/sms-spam/sms.tsv 0=spam,1=ham
 * </pre>
 */
public final class ModelComparison {

  private ModelComparison() {}

  public static void main(String[] args) {
    Map<String, String> names = args.length > 1 ? LabelledTsv.codes(args[1]) : Map.of();
    List<LabelledExample> all = new ArrayList<>(LabelledTsv.relabel(LabelledTsv.read(Path.of(args[0])), names));
    Collections.shuffle(all, new Random(42));
    int split = all.size() * 4 / 5;
    List<LabelledExample> train = all.subList(0, split);
    List<LabelledExample> test = all.subList(split, all.size());
    SentenceEmbeddings embeddings = new SentenceEmbeddings();
    measure("ngram-logistic", train, test, EmbeddedTextModel::train);
    measure("minilm-logistic (embeddings computed in training)", train, test,
        data -> SentenceEmbeddingModel.train(embeddings, data));
    // the same again: embeddings of seen texts are remembered, as in a retraining
    measure("minilm-logistic (retraining, embeddings known)", train, test,
        data -> SentenceEmbeddingModel.train(embeddings, data));
  }

  private static void measure(String name, List<LabelledExample> train, List<LabelledExample> test,
      Function<List<LabelledExample>, TrainableModel> trainer) {
    long started = System.nanoTime();
    TrainableModel model = trainer.apply(train);
    long trained = System.nanoTime();
    EvaluationReport report = ModelEvaluation.evaluate(model, test, model.labels());
    long evaluated = System.nanoTime();
    System.out.printf(Locale.ROOT,
        "%s: %d train, %d test: accuracy %.4f, macro-F1 %.4f, ECE %.4f, Brier %.4f, train %.1f s, %.2f ms per text%n",
        name, train.size(), test.size(), report.accuracy(), report.macroF1(), report.expectedCalibrationError(),
        report.brierScore(), (trained - started) / 1e9, (evaluated - trained) / 1e6 / test.size());
  }
}

package io.tandem.models;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Prints how the embedded model, trained on the demo set, does on a labelled TSV, e.g. the SMS Spam
 * Collection beside the project, whose labels are coded {@code 0=spam,1=ham}:
 *
 * <pre>
 * java -cp ... io.tandem.models.ModelBenchmark ../shared/datasets/sms-spam/sms.tsv 0=spam,1=ham
 * </pre>
 */
public final class ModelBenchmark {

  private ModelBenchmark() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 1) {
      System.err.println("usage: ModelBenchmark <labelled.tsv> [code=label,...]");
      System.exit(2);
    }
    Map<String, String> names =
        args.length > 1
            ? Arrays.stream(args[1].split(","))
                .map(pair -> pair.split("=", 2))
                .collect(Collectors.toMap(p -> p[0], p -> p[1]))
            : Map.of();
    List<LabelledExample> test = LabelledTsv.relabel(LabelledTsv.read(Path.of(args[0])), names);
    long started = System.nanoTime();
    EmbeddedTextModel model;
    try (InputStream in = ModelBenchmark.class.getResourceAsStream("/models/demo-train.tsv")) {
      model = EmbeddedTextModel.train(LabelledTsv.read(in, "demo-train.tsv"));
    }
    long trained = System.nanoTime();
    EvaluationReport report = ModelEvaluation.evaluate(model, test, model.labels());
    long evaluated = System.nanoTime();
    System.out.println(model);
    System.out.printf(
        "trained in %d ms (%d iterations, %d features); %.0f predictions/s%n",
        (trained - started) / 1_000_000,
        model.iterations(),
        model.featureCount(),
        test.size() / ((evaluated - trained) / 1e9));
    System.out.println(report.summary());
  }
}

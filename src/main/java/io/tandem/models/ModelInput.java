package io.tandem.models;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a model is asked about: a text, optional structured fields, and the labels it may answer. An
 * empty label list means "the labels the model knows".
 */
public record ModelInput(String text, Map<String, Object> fields, List<String> labels) {

  public ModelInput {
    Objects.requireNonNull(text, "text");
    fields = fields == null ? Map.of() : Map.copyOf(fields);
    labels = labels == null ? List.of() : List.copyOf(labels);
    if (labels.stream().distinct().count() != labels.size()) {
      throw new IllegalArgumentException("labels must be distinct: " + labels);
    }
  }

  public static ModelInput of(String text, List<String> labels) {
    return new ModelInput(text, Map.of(), labels);
  }
}

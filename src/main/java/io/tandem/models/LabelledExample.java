package io.tandem.models;

import java.util.Objects;

/** A text with its known label: a line of training data, or a human's answer fed back. */
public record LabelledExample(String text, String label) {

  public LabelledExample {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(label, "label");
    if (label.isBlank()) {
      throw new IllegalArgumentException("label must not be blank");
    }
  }
}

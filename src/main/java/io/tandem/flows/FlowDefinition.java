package io.tandem.flows;

import java.time.Duration;
import java.util.List;

/**
 * A review flow clients can submit to: its BPMN process, the answers reviewers may give, the
 * decision applied when nobody answers in time, its SLAs, audit sample rate and model.
 */
public record FlowDefinition(
    String processId,
    List<String> labels,
    String safeDefault,
    Duration reviewSla,
    Duration reminderAfter,
    Duration expertSla,
    double auditRate,
    String webhookUrl,
    String model,
    List<String> requiredFields) {

  /** The model a flow uses unless it names another. */
  public static final String DEFAULT_MODEL = "tandem-embedded-text";

  public FlowDefinition {
    labels = labels == null ? List.of() : List.copyOf(labels);
    reviewSla = reviewSla == null ? Duration.ofHours(4) : reviewSla;
    reminderAfter = reminderAfter == null ? reviewSla.dividedBy(2) : reminderAfter;
    expertSla = expertSla == null ? Duration.ofHours(8) : expertSla;
    model = model == null ? DEFAULT_MODEL : model;
    requiredFields = requiredFields == null ? List.of() : List.copyOf(requiredFields);
  }
}

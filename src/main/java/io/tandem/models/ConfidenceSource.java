package io.tandem.models;

/** Where a prediction's confidence comes from, so triage and dashboards know what it is worth. */
public enum ConfidenceSource {
  /** A probability computed by the model itself (the embedded classifier, a probability tensor). */
  MODEL,
  /** The token log-probabilities of a language model, renormalised over the labels. */
  LOGPROBS,
  /** Not measured: the configured default, because the model gave only a label. */
  DEFAULT
}

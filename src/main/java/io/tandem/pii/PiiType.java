package io.tandem.pii;

/** Kinds of personal data the masker knows, each with the token that replaces it. */
public enum PiiType {
  EMAIL,
  PHONE,
  IBAN,
  CARD_NUMBER,
  /**
   * Reserved, found by no detector yet. Names need a trained name finder, and no pretrained English
   * person-name model is published on Maven Central (Apache OpenNLP publishes only tokenizer,
   * sentence, part-of-speech, lemmatizer and language models there). Capitalisation rules would
   * give false confidence, so there is none: names pass unmasked until a model is added.
   */
  PERSON_NAME;

  /** The text that stands for a value of this type in masked text, e.g. {@code [EMAIL]}. */
  public String token() {
    return "[" + name() + "]";
  }
}

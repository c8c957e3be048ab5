package io.tandem.cases;

/** Who wants to know what happens to cases (the audit log). */
public interface CaseEvents {
  void submitted(ReviewCase reviewCase);

  void decided(ReviewCase reviewCase);

  /** The raw (decrypted) input of a case was read through the API. */
  void inputRead(ReviewCase reviewCase);
}

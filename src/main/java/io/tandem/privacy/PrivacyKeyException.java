package io.tandem.privacy;

/** The privacy key is missing or malformed: Tandem does not start (see {@link PrivacyKeyFailureAnalyzer}). */
public class PrivacyKeyException extends RuntimeException {

  private final String action;

  PrivacyKeyException(String problem, String action) {
    super(problem);
    this.action = action;
  }

  /** What the operator should do about it. */
  public String action() {
    return action;
  }
}

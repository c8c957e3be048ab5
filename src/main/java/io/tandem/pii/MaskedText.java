package io.tandem.pii;

import java.util.List;

/** A text with its personal data replaced by tokens, and what was replaced where. */
public record MaskedText(String masked, List<PiiFinding> findings) {

  public MaskedText {
    findings = List.copyOf(findings);
  }

  public boolean hasFindings() {
    return !findings.isEmpty();
  }
}

package io.tandem.pii;

import java.util.Objects;

/**
 * What a detector found: where, of which type, and the value in a canonical form (lower-case
 * e-mail, E.164 phone number, compact IBAN, card digits) so that equal values written differently
 * hash alike. The value never leaves the masker.
 */
public record PiiMatch(PiiType type, int start, int end, String canonicalValue) {

  public PiiMatch {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(canonicalValue, "canonicalValue");
    if (start < 0 || end <= start) {
      throw new IllegalArgumentException("bad span [" + start + ", " + end + ")");
    }
  }

  int length() {
    return end - start;
  }

  boolean overlaps(PiiMatch other) {
    return start < other.end && other.start < end;
  }
}

package io.tandem.pii;

import java.util.List;

/** Finds one kind of personal data in a text. Matches may overlap; the masker picks among them. */
public interface PiiDetector {

  List<PiiMatch> find(String text);
}

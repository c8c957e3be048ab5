package io.tandem.pii;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * E-mail addresses as people write them in prose: a local part that neither starts nor ends with a
 * dot, an {@code @}, dot-separated domain labels and an alphabetic top-level domain, so surrounding
 * brackets, quotes and a full stop stay outside the match.
 */
final class EmailDetector implements PiiDetector {

  private static final String LOCAL_CHAR = "[\\p{L}\\p{N}_%+'-]";
  private static final String LABEL = "[\\p{L}\\p{N}](?:[\\p{L}\\p{N}-]{0,61}[\\p{L}\\p{N}])?";
  private static final Pattern EMAIL =
      Pattern.compile(
          "(?<![\\p{L}\\p{N}._%+'-])"
              + LOCAL_CHAR
              + "(?:[\\p{L}\\p{N}._%+'-]{0,62}"
              + LOCAL_CHAR
              + ")?"
              + "@(?:"
              + LABEL
              + "\\.)+\\p{L}{2,63}"
              + "(?![\\p{L}\\p{N}-]|\\.[\\p{L}\\p{N}])");

  @Override
  public List<PiiMatch> find(String text) {
    List<PiiMatch> matches = new ArrayList<>();
    Matcher matcher = EMAIL.matcher(text);
    while (matcher.find()) {
      if (!matcher.group().contains("..")) {
        matches.add(
            new PiiMatch(
                PiiType.EMAIL,
                matcher.start(),
                matcher.end(),
                matcher.group().toLowerCase(Locale.ROOT)));
      }
    }
    return matches;
  }
}

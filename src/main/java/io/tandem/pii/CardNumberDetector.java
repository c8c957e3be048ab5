package io.tandem.pii;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Payment card numbers: 13 to 19 digits, possibly grouped by single spaces or dashes, not part of a
 * longer run of digits, and passing the Luhn check (so most other long numbers do not match).
 */
final class CardNumberDetector implements PiiDetector {

  private static final Pattern CANDIDATE =
      Pattern.compile("(?<!\\d)(?<!\\d[ -])\\d(?:[ -]?\\d){12,18}(?![ -]?\\d)");

  @Override
  public List<PiiMatch> find(String text) {
    List<PiiMatch> matches = new ArrayList<>();
    Matcher matcher = CANDIDATE.matcher(text);
    while (matcher.find()) {
      String digits = matcher.group().replaceAll("[ -]", "");
      if (passesLuhn(digits)) {
        matches.add(new PiiMatch(PiiType.CARD_NUMBER, matcher.start(), matcher.end(), digits));
      }
    }
    return matches;
  }

  /** Luhn: from the right, double every second digit (minus 9 above 9); the sum ends in 0. */
  static boolean passesLuhn(String digits) {
    int sum = 0;
    boolean doubled = false;
    for (int i = digits.length() - 1; i >= 0; i--) {
      int digit = digits.charAt(i) - '0';
      if (doubled) {
        digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
      }
      sum += digit;
      doubled = !doubled;
    }
    return sum % 10 == 0;
  }
}

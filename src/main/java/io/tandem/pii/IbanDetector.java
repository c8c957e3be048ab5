package io.tandem.pii;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * IBANs (ISO 13616), compact or in groups separated by spaces or dashes, in any letter case. Only
 * valid ones match: the mod-97 check must give 1 and, for a country in the registry below, the
 * length must be that country's; the match then ends exactly there, so a following word is never
 * swallowed. For a country not listed, the longest prefix of 15 to 34 characters ending between two
 * groups that passes the check matches.
 */
final class IbanDetector implements PiiDetector {

  private static final Pattern CANDIDATE =
      Pattern.compile(
          "(?<![\\p{L}\\p{N}])[A-Za-z]{2}[0-9]{2}(?:[ -]?[A-Za-z0-9]){11,40}(?![\\p{L}\\p{N}])");

  /** IBAN lengths by country (country code, then length), from the ISO 13616 registry. */
  private static final Map<String, Integer> LENGTHS =
      Pattern.compile(" ")
          .splitAsStream(
              "AD24 AE23 AL28 AT20 AZ28 BA20 BE16 BG22 BH22 BR29 BY28 CH21 CR22 CY28"
                  + " CZ24 DE22 DK18 DO28 EE20 EG29 ES24 FI18 FO18 FR27 GB22 GE22 GI23 GL18"
                  + " GR27 GT28 HR21 HU28 IE22 IL23 IQ23 IS26 IT27 JO30 KW30 KZ20 LB28 LC32"
                  + " LI21 LT20 LU20 LV21 MC27 MD24 ME22 MK19 MR27 MT31 MU30 NL18 NO15 PK24"
                  + " PL28 PS29 PT25 QA29 RO24 RS22 SA24 SC31 SE24 SI19 SK24 SM27 ST25 SV28"
                  + " TL23 TN24 TR26 UA29 VA22 VG24 XK20")
          .collect(Collectors.toMap(e -> e.substring(0, 2), e -> Integer.parseInt(e.substring(2))));

  @Override
  public List<PiiMatch> find(String text) {
    List<PiiMatch> matches = new ArrayList<>();
    Matcher matcher = CANDIDATE.matcher(text);
    int from = 0;
    while (matcher.find(from)) {
      PiiMatch match = validPrefix(text, matcher.start(), matcher.end());
      if (match != null) {
        matches.add(match);
        from = match.end();
      } else {
        from = matcher.start() + 1;
      }
      if (from >= text.length()) {
        break;
      }
    }
    return matches;
  }

  /** The valid IBAN that the candidate {@code text[start, end)} begins with, if any. */
  private static PiiMatch validPrefix(String text, int start, int end) {
    StringBuilder compact = new StringBuilder();
    List<Integer> ends = new ArrayList<>(); // compact length -> end offset in the text
    for (int i = start; i < end; i++) {
      char c = text.charAt(i);
      if (c != ' ' && c != '-') {
        compact.append(Character.toUpperCase(c));
        ends.add(i + 1);
      }
    }
    Integer known = LENGTHS.get(compact.substring(0, 2));
    for (int length = Math.min(compact.length(), 34); length >= 15; length--) {
      int stop = ends.get(length - 1);
      boolean atGroupEnd = stop == end || !Character.isLetterOrDigit(text.charAt(stop));
      if ((known == null || known == length) && atGroupEnd) {
        String iban = compact.substring(0, length);
        if (isValid(iban)) {
          return new PiiMatch(PiiType.IBAN, start, stop, iban);
        }
      }
    }
    return null;
  }

  /** ISO 13616 check: the first four characters moved to the end, letters as 10..35, mod 97 = 1. */
  static boolean isValid(String iban) {
    String compact = iban.replaceAll("[ -]", "").toUpperCase(Locale.ROOT);
    if (!compact.matches("[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}")) {
      return false;
    }
    String rearranged = compact.substring(4) + compact.substring(0, 4);
    StringBuilder digits = new StringBuilder();
    for (char c : rearranged.toCharArray()) {
      digits.append(Character.getNumericValue(c));
    }
    return new BigInteger(digits.toString()).mod(BigInteger.valueOf(97)).intValue() == 1;
  }
}

package io.tandem.pii;

import com.google.i18n.phonenumbers.PhoneNumberMatch;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import java.util.ArrayList;
import java.util.List;

/**
 * Phone numbers by Google's libphonenumber ({@link PhoneNumberUtil#findNumbers}, leniency VALID:
 * the number must be valid for its region). Numbers written with a {@code +} country code are found
 * whatever the regions; national formats ({@code 020 7946 0958}, {@code (415) 555-2671}) only for
 * the regions given, tried in turn.
 */
final class PhoneDetector implements PiiDetector {

  private final PhoneNumberUtil phones = PhoneNumberUtil.getInstance();
  private final List<String> regions;

  /**
   * @param regions ISO 3166 two-letter codes of the countries whose national formats to find; empty
   *     for international numbers only
   */
  PhoneDetector(List<String> regions) {
    for (String region : regions) {
      if (!phones.getSupportedRegions().contains(region)) {
        throw new IllegalArgumentException("unknown phone region: " + region);
      }
    }
    this.regions = regions.isEmpty() ? List.of("ZZ") : List.copyOf(regions);
  }

  @Override
  public List<PiiMatch> find(String text) {
    List<PiiMatch> matches = new ArrayList<>();
    for (String region : regions) {
      for (PhoneNumberMatch match : phones.findNumbers(text, region)) {
        matches.add(
            new PiiMatch(
                PiiType.PHONE,
                match.start(),
                match.end(),
                phones.format(match.number(), PhoneNumberFormat.E164)));
      }
    }
    return matches;
  }
}

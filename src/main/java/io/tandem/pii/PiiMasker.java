package io.tandem.pii;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Masks personal data in what reviewers see: e-mail addresses, phone numbers, valid IBANs and
 * Luhn-valid card numbers are replaced by {@code [EMAIL]}, {@code [PHONE]}, {@code [IBAN]}, {@code
 * [CARD_NUMBER]}; with {@link #withPersonNames}, person names in English text by {@code
 * [PERSON_NAME]} (best effort: see {@link PersonNameDetector}).
 *
 * <p>When matches overlap, the longest wins (then the earliest, then the type declared first), so
 * an IBAN is not cut into a phone number. Each finding keeps its type, span and an HMAC-SHA-256 of
 * its canonical value under the salt, never the value itself. Thread-safe.
 */
public final class PiiMasker {

  private static final Comparator<PiiMatch> PRECEDENCE =
      Comparator.comparingInt(PiiMatch::length)
          .reversed()
          .thenComparingInt(PiiMatch::start)
          .thenComparing(PiiMatch::type);

  private final List<PiiDetector> detectors;
  private final SecretKeySpec salt;

  public PiiMasker(List<PiiDetector> detectors, byte[] salt) {
    if (salt.length < 16) {
      throw new IllegalArgumentException("the salt must have at least 16 bytes");
    }
    this.detectors = List.copyOf(detectors);
    this.salt = new SecretKeySpec(salt.clone(), "HmacSHA256");
  }

  /**
   * The standard detectors: e-mail, phone (international, and national formats of the given
   * regions), IBAN and card number.
   */
  public static PiiMasker standard(byte[] salt, List<String> phoneRegions) {
    return new PiiMasker(standardDetectors(phoneRegions), salt);
  }

  /** The standard detectors and person names in English text (loads OpenNLP's models: a second or so). */
  public static PiiMasker withPersonNames(byte[] salt, List<String> phoneRegions) {
    List<PiiDetector> detectors = new ArrayList<>(standardDetectors(phoneRegions));
    detectors.add(PersonNameDetector.english());
    return new PiiMasker(detectors, salt);
  }

  private static List<PiiDetector> standardDetectors(List<String> phoneRegions) {
    return List.of(
        new EmailDetector(), new PhoneDetector(phoneRegions), new IbanDetector(), new CardNumberDetector());
  }

  public MaskedText mask(String text) {
    Objects.requireNonNull(text, "text");
    List<PiiMatch> candidates = new ArrayList<>();
    detectors.forEach(detector -> candidates.addAll(detector.find(text)));
    candidates.sort(PRECEDENCE);
    List<PiiMatch> kept = new ArrayList<>();
    for (PiiMatch candidate : candidates) {
      if (kept.stream().noneMatch(candidate::overlaps)) {
        kept.add(candidate);
      }
    }
    kept.sort(Comparator.comparingInt(PiiMatch::start));

    StringBuilder masked = new StringBuilder(text.length());
    List<PiiFinding> findings = new ArrayList<>(kept.size());
    int copied = 0;
    for (PiiMatch match : kept) {
      masked.append(text, copied, match.start()).append(match.type().token());
      copied = match.end();
      findings.add(
          new PiiFinding(
              match.type(), match.start(), match.end(), match.type().token(), hash(match)));
    }
    masked.append(text, copied, text.length());
    return new MaskedText(masked.toString(), findings);
  }

  private String hash(PiiMatch match) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(salt);
      byte[] digest =
          mac.doFinal(
              (match.type() + ":" + match.canonicalValue()).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 16);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }
}

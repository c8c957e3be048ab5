package io.tandem.pii;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PiiMaskerTest {

  private static final byte[] SALT =
      "a test salt of sixteen+ bytes".getBytes(StandardCharsets.UTF_8);

  private final PiiMasker masker = PiiMasker.standard(SALT, List.of("US", "GB"));

  /** Checks that the finding covers exactly {@code raw} in {@code text}. */
  private static void assertCovers(String text, PiiFinding finding, PiiType type, String raw) {
    assertThat(finding.type()).isEqualTo(type);
    assertThat(text.substring(finding.start(), finding.end())).isEqualTo(raw);
    assertThat(finding.start()).isEqualTo(text.indexOf(raw));
    assertThat(finding.replacement()).isEqualTo(type.token());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "Can you pick up some milk on your way home?",
        "Meeting moved to 2pm in room 4B, order #123456 ships on 2024-03-12.",
        "Version 1.2.3 costs £4.99; call extension 5512.",
        "Not a card: 1234 5678 9012 3456 (fails Luhn).",
        "Email me at the office @ 10am, re: item.count",
      })
  void shouldLeaveTextWithoutPersonalDataUnchanged(String text) {
    // when
    MaskedText result = masker.mask(text);

    // then
    assertThat(result.masked()).isEqualTo(text);
    assertThat(result.findings()).isEmpty();
    assertThat(result.hasFindings()).isFalse();
  }

  @Test
  void shouldMaskEmailsAmidPunctuation() {
    // given
    String text =
        "Write to (jane.doe+news@example.co.uk), <Bob_Smith@mail.example.org>, or"
            + " \"o'neil@corp.io\".";

    // when
    MaskedText result = masker.mask(text);

    // then
    assertThat(result.masked()).isEqualTo("Write to ([EMAIL]), <[EMAIL]>, or \"[EMAIL]\".");
    assertThat(result.findings()).hasSize(3);
    assertCovers(text, result.findings().get(0), PiiType.EMAIL, "jane.doe+news@example.co.uk");
    assertCovers(text, result.findings().get(1), PiiType.EMAIL, "Bob_Smith@mail.example.org");
    assertCovers(text, result.findings().get(2), PiiType.EMAIL, "o'neil@corp.io");
  }

  @Test
  void shouldKeepASentencesFullStopOutOfAnEmail() {
    // given
    String text = "My address is max@example.com. Thanks!";

    // when
    MaskedText result = masker.mask(text);

    // then
    assertThat(result.masked()).isEqualTo("My address is [EMAIL]. Thanks!");
    assertCovers(text, result.findings().get(0), PiiType.EMAIL, "max@example.com");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "+44 20 7946 0958",
        "+1 415-555-2671",
        "(202) 456-1111",
        "1-800-555-0199",
        "020 7946 0018",
        "07911 123456",
        "+49 30 227 0",
        "+33 1 42 68 53 00",
        "+41446681800",
      })
  void shouldMaskPhoneNumbersInInternationalAndNationalFormats(String phone) {
    // given
    String text = "Call me on " + phone + ", any time.";

    // when
    MaskedText result = masker.mask(text);

    // then
    assertThat(result.masked()).isEqualTo("Call me on [PHONE], any time.");
    assertThat(result.findings()).hasSize(1);
    assertCovers(text, result.findings().get(0), PiiType.PHONE, phone);
  }

  @Test
  void shouldFindNationalFormatsOnlyForTheConfiguredRegions() {
    // given
    PiiMasker internationalOnly = PiiMasker.standard(SALT, List.of());
    String text = "office 020 7946 0018, mobile +44 7911 123456";

    // when
    MaskedText result = internationalOnly.mask(text);

    // then
    assertThat(result.masked()).isEqualTo("office 020 7946 0018, mobile [PHONE]");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "DE89 3704 0044 0532 0130 00",
        "DE89370400440532013000",
        "GB82 WEST 1234 5698 7654 32",
        "gb82west12345698765432",
        "NL91 ABNA 0417 1643 00",
        "FR14 2004 1010 0505 0001 3M02 606",
        "BE68 5390 0754 7034",
        "CH93-0076-2011-6238-5295-7",
      })
  void shouldMaskValidIbans(String iban) {
    // given
    String text = "Please pay to IBAN " + iban + ". Thank you";

    // when
    MaskedText result = masker.mask(text);

    // then
    assertThat(result.masked()).isEqualTo("Please pay to IBAN [IBAN]. Thank you");
    assertCovers(text, result.findings().get(0), PiiType.IBAN, iban);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "DE89 3704 0044 0532 0130 01", // check digits do not match
        "DE88 3704 0044 0532 0130 00",
        "GB82 WEST 1234 5698 7654 33",
        "DE89 3704 0044 0532 0130", // too short for Germany
      })
  void shouldLeaveInvalidIbansAlone(String iban) {
    // given
    String text = "IBAN " + iban + " please";

    // when
    MaskedText result = masker.mask(text);

    // then
    assertThat(result.findings()).noneMatch(f -> f.type() == PiiType.IBAN);
  }

  @Test
  void shouldEndAnIbanWhereItsCountrysLengthEnds() {
    // given: the word after the IBAN looks like one more group
    String text = "ES91 2100 0418 4502 0005 1332 TODO: pay by Friday";

    // when
    MaskedText result = masker.mask(text);

    // then
    assertThat(result.masked()).isEqualTo("[IBAN] TODO: pay by Friday");
    assertCovers(text, result.findings().get(0), PiiType.IBAN, "ES91 2100 0418 4502 0005 1332");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "4111 1111 1111 1111",
        "4111111111111111",
        "5555-5555-5555-4444",
        "3782 822463 10005",
        "6011 0009 9013 9424",
        "4222222222222",
        "6304 0000 0000 0000 018",
      })
  void shouldMaskLuhnValidCardNumbers(String card) {
    // given
    String text = "card: " + card + ", exp 12/27";

    // when
    MaskedText result = masker.mask(text);

    // then
    assertThat(result.masked()).isEqualTo("card: [CARD_NUMBER], exp 12/27");
    assertCovers(text, result.findings().get(0), PiiType.CARD_NUMBER, card);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "4111 1111 1111 1112", // Luhn fails
        "5555-5555-5555-4445",
        "411111111111", // 12 digits: too short
        "41111111111111111111111", // 23 digits: too long, and no 13-19 digit slice of it counts
      })
  void shouldLeaveOtherNumbersAlone(String number) {
    // given
    String text = "ref " + number + " done";

    // when
    MaskedText result = masker.mask(text);

    // then
    assertThat(result.findings()).noneMatch(f -> f.type() == PiiType.CARD_NUMBER);
  }

  @Test
  void shouldMaskEverythingInOneTextWithOffsetsInTheOriginal() {
    // given
    String text =
        "Hi, it's about order 5512. Reach me at ann@example.com or +44 20 7946 0958; "
            + "refund to GB82 WEST 1234 5698 7654 32, not card 4111-1111-1111-1111.";

    // when
    MaskedText result = masker.mask(text);

    // then
    assertThat(result.masked())
        .isEqualTo(
            "Hi, it's about order 5512. Reach me at [EMAIL] or [PHONE]; "
                + "refund to [IBAN], not card [CARD_NUMBER].");
    assertThat(result.findings())
        .extracting(PiiFinding::type)
        .containsExactly(PiiType.EMAIL, PiiType.PHONE, PiiType.IBAN, PiiType.CARD_NUMBER);
    assertCovers(text, result.findings().get(0), PiiType.EMAIL, "ann@example.com");
    assertCovers(text, result.findings().get(1), PiiType.PHONE, "+44 20 7946 0958");
    assertCovers(text, result.findings().get(2), PiiType.IBAN, "GB82 WEST 1234 5698 7654 32");
    assertCovers(text, result.findings().get(3), PiiType.CARD_NUMBER, "4111-1111-1111-1111");
  }

  @Test
  void shouldLetTheLongestOfOverlappingMatchesWin() {
    // given: detectors that disagree about the same characters
    PiiDetector shortPhone = text -> List.of(new PiiMatch(PiiType.PHONE, 4, 12, "+1"));
    PiiDetector longIban = text -> List.of(new PiiMatch(PiiType.IBAN, 2, 20, "X"));
    PiiDetector laterEmail = text -> List.of(new PiiMatch(PiiType.EMAIL, 18, 24, "y"));
    PiiDetector apart = text -> List.of(new PiiMatch(PiiType.EMAIL, 25, 27, "z"));
    PiiMasker overlapping = new PiiMasker(List.of(shortPhone, longIban, laterEmail, apart), SALT);

    // when
    MaskedText result = overlapping.mask("0123456789abcdefghijklmnopqrst");

    // then
    assertThat(result.findings())
        .extracting(PiiFinding::type)
        .containsExactly(PiiType.IBAN, PiiType.EMAIL);
    assertThat(result.masked()).isEqualTo("01[IBAN]klmno[EMAIL]rst");
  }

  @Test
  void shouldLinkEqualValuesByASaltedHashWithoutKeepingThem() {
    // given
    String text =
        "From ANN@Example.com to ann@example.com, IBAN GB82WEST12345698765432 "
            + "= GB82 WEST 1234 5698 7654 32; other bob@example.com";

    // when
    List<PiiFinding> findings = masker.mask(text).findings();
    List<PiiFinding> otherSalt =
        PiiMasker.standard(
                "another salt, also 16+ bytes".getBytes(StandardCharsets.UTF_8), List.of("US"))
            .mask(text)
            .findings();

    // then
    assertThat(findings).hasSize(5);
    assertThat(findings.get(0).valueHash()).isEqualTo(findings.get(1).valueHash());
    assertThat(findings.get(2).valueHash()).isEqualTo(findings.get(3).valueHash());
    assertThat(findings.get(4).valueHash()).isNotEqualTo(findings.get(0).valueHash());
    assertThat(otherSalt.get(0).valueHash()).isNotEqualTo(findings.get(0).valueHash());
    assertThat(findings).allSatisfy(f -> assertThat(f.valueHash()).matches("[0-9a-f]{32}"));
    assertThat(findings.toString()).doesNotContain("example.com").doesNotContain("WEST");
  }

  @Test
  void shouldRefuseAShortSalt() {
    assertThatThrownBy(() -> PiiMasker.standard(new byte[8], List.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shouldRefuseAnUnknownPhoneRegion() {
    assertThatThrownBy(() -> PiiMasker.standard(SALT, List.of("XX")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("XX");
  }
}

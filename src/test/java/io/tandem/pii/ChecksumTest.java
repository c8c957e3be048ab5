package io.tandem.pii;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ChecksumTest {

  @ParameterizedTest
  @CsvSource({
    "DE89370400440532013000, true",
    "DE89 3704 0044 0532 0130 00, true",
    "gb82 west 1234 5698 7654 32, true",
    "NO9386011117947, true",
    "MT84MALT011000012345MTLCAST001S, true",
    "DE89370400440532013001, false",
    "DE00370400440532013000, false",
    "XX89370400440532013000, false",
    "DE8937040044, false",
    "DE89 3704 0044 0532 0130 0!, false",
  })
  void shouldCheckIbansWithMod97(String iban, boolean valid) {
    assertThat(IbanDetector.isValid(iban)).isEqualTo(valid);
  }

  @ParameterizedTest
  @CsvSource({
    "4111111111111111, true",
    "79927398713, true",
    "378282246310005, true",
    "6011000990139424, true",
    "0000000000000, true",
    "4111111111111112, false",
    "79927398710, false",
    "378282246310006, false",
  })
  void shouldCheckCardNumbersWithLuhn(String digits, boolean valid) {
    assertThat(CardNumberDetector.passesLuhn(digits)).isEqualTo(valid);
  }
}

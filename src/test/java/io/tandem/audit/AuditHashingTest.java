package io.tandem.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class AuditHashingTest {

  private static final Instant AT = Instant.parse("2025-01-31T09:15:02.123456789Z");

  @Test
  void shouldWriteTheSameCanonicalJsonWhateverTheKeyOrder() {
    // given
    String one = "{\"b\": {\"y\": \"é\", \"x\": [3, {\"z\": null, \"k\": true}]}, \"a\": 1}";
    String other = "{ \"a\":1, \"b\":{ \"x\":[3,{\"k\":true,\"z\":null}], \"y\":\"é\" } }";

    // when
    String canonicalOne = AuditHashing.canonicalJson(one);
    String canonicalOther = AuditHashing.canonicalJson(other);

    // then
    assertThat(canonicalOne)
        .isEqualTo(canonicalOther)
        .isEqualTo("{\"a\":1,\"b\":{\"x\":[3,{\"k\":true,\"z\":null}],\"y\":\"é\"}}");
  }

  @Test
  void shouldKeepNumbersDigitForDigit() {
    // given PostgreSQL's jsonb text of numbers
    String json = "{\"p\": 0.10, \"big\": 100000000000000000000, \"small\": 0.00000010, \"n\": -7}";

    // when
    String canonical = AuditHashing.canonicalJson(json);

    // then
    assertThat(canonical)
        .isEqualTo("{\"big\":100000000000000000000,\"n\":-7,\"p\":0.10,\"small\":0.00000010}");
  }

  @Test
  void shouldHashTheDocumentedCanonicalForm() throws Exception {
    // given
    String payload = "{\"model\": \"spam-v2\", \"confidence\": 0.93}";

    // when
    String form = AuditHashing.canonicalForm(42, "c-1", "DECIDED", "alice", AT, payload, "ab".repeat(32));
    String hash = AuditHashing.hash(42, "c-1", "DECIDED", "alice", AT, payload, "ab".repeat(32));

    // then
    assertThat(form)
        .isEqualTo(
            "{\"actor\":\"alice\",\"case_id\":\"c-1\",\"event_type\":\"DECIDED\","
                + "\"occurred_at\":\"2025-01-31T09:15:02.123456Z\","
                + "\"payload\":{\"confidence\":0.93,\"model\":\"spam-v2\"},"
                + "\"previous_hash\":\"" + "ab".repeat(32) + "\",\"sequence\":42}");
    byte[] digest = MessageDigest.getInstance("SHA-256").digest(form.getBytes(StandardCharsets.UTF_8));
    assertThat(hash).isEqualTo(HexFormat.of().formatHex(digest)).hasSize(64);
  }

  @Test
  void shouldWriteOccurredAtWithSixFractionDigitsInUtc() {
    assertThat(AuditHashing.formatOccurredAt(Instant.parse("2025-01-31T09:15:02Z")))
        .isEqualTo("2025-01-31T09:15:02.000000Z");
    assertThat(AuditHashing.formatOccurredAt(AT)).isEqualTo("2025-01-31T09:15:02.123456Z");
  }

  @Test
  void shouldWriteNullForAnEventOfNoCase() {
    String form =
        AuditHashing.canonicalForm(1, null, "KILL_SWITCH_CHANGED", "ops", AT, "{}", AuditHashing.GENESIS);

    assertThat(form).contains("\"case_id\":null");
  }

  @Test
  void shouldChangeTheHashWhenAnyFieldChanges() {
    // given
    String genesis = AuditHashing.GENESIS;
    String hash = AuditHashing.hash(1, "c", "DECIDED", "a", AT, "{\"v\":1}", genesis);

    // when / then
    assertThat(AuditHashing.hash(2, "c", "DECIDED", "a", AT, "{\"v\":1}", genesis)).isNotEqualTo(hash);
    assertThat(AuditHashing.hash(1, "d", "DECIDED", "a", AT, "{\"v\":1}", genesis)).isNotEqualTo(hash);
    assertThat(AuditHashing.hash(1, "c", "ROUTED", "a", AT, "{\"v\":1}", genesis)).isNotEqualTo(hash);
    assertThat(AuditHashing.hash(1, "c", "DECIDED", "b", AT, "{\"v\":1}", genesis)).isNotEqualTo(hash);
    assertThat(AuditHashing.hash(1, "c", "DECIDED", "a", AT.plusNanos(1_000), "{\"v\":1}", genesis))
        .isNotEqualTo(hash);
    assertThat(AuditHashing.hash(1, "c", "DECIDED", "a", AT, "{\"v\":2}", genesis)).isNotEqualTo(hash);
    assertThat(AuditHashing.hash(1, "c", "DECIDED", "a", AT, "{\"v\":1}", "1" + genesis.substring(1)))
        .isNotEqualTo(hash);
    assertThat(AuditHashing.hash(1, "c", "DECIDED", "a", AT, "{ \"v\" : 1 }", genesis)).isEqualTo(hash);
  }
}

package io.tandem.hitl;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * The raw input of a case is sealed at rest: after a case went through the whole flow, PostgreSQL
 * holds none of its personal data in clear, not in the case table and not in the engine's process
 * variables; readers of a case see it masked; only an explicit request opens the raw payload.
 */
class RawInputAtRestTest extends HitlTest {

  static final String EMAIL = "jane.rawinput@example.org";
  static final String PHONE = "+44 20 7946 0321";
  static final String TEXT = "WINNER!! You have won a 1000 cash prize. Write to " + EMAIL + " or call "
      + PHONE + " now to claim, T&C apply";

  @Test
  void shouldKeepNoPlainInputInTheDatabase() {
    UUID id = submit(Map.of("flow", "spam-review", "payload", Map.of("text", TEXT)));
    awaitDecided(id);

    String row = jdbc.queryForObject("select row_to_json(c)::text from review_case c where id = ?", String.class, id);
    assertThat(row).doesNotContain(TEXT).doesNotContain(EMAIL).doesNotContain("jane.rawinput")
        .doesNotContain("7946 0321").doesNotContain("\"payload\"").contains("input_ciphertext");
    assertThat(tablesContaining(EMAIL)).isEmpty();
    assertThat(tablesContaining("7946 0321")).isEmpty();
    assertThat(tablesContaining("You have won a 1000 cash prize")) // the masked copy only
        .contains("public.review_case").allSatisfy(table -> assertThat(table).isIn("public.review_case", "public.engine_process_instance",
            "public.engine_variable", "public.engine_record_batch"));
  }

  @Test
  void shouldShowReadersTheMaskedTextAndOpenTheRawPayloadOnlyWhenAsked() {
    UUID id = submit(Map.of("flow", "spam-review", "payload", Map.of("text", TEXT)));
    awaitDecided(id);

    String details = http.getForObject("/api/cases/" + id, String.class);
    String listing = http.getForObject("/api/cases?flow=spam-review&limit=500", String.class);
    Map<String, Object> input = http.getForObject("/api/cases/" + id + "/input", Map.class);

    assertThat(details).contains("[EMAIL]", "[PHONE]").doesNotContain(EMAIL).doesNotContain("\"payload\"");
    assertThat(listing).doesNotContain(EMAIL).doesNotContain("\"payload\"");
    assertThat(input).containsEntry("id", id.toString()).containsEntry("payload", Map.of("text", TEXT));
    assertThat(auditTrail(id)).containsOnlyOnce("INPUT_READ");
    assertThat(auditChainIntact()).isTrue();
  }

  @Test
  void shouldRefuseToOpenATamperedInput() {
    UUID id = submit(Map.of("flow", "spam-review", "payload", Map.of("text", TEXT)));
    awaitDecided(id);
    byte[] ciphertext = jdbc.queryForObject("select input_ciphertext from review_case where id = ?", byte[].class, id);
    ciphertext[ciphertext.length / 2] ^= 0x01;
    jdbc.update("update review_case set input_ciphertext = ? where id = ?", ciphertext, id);

    ResponseEntity<Map> raw = http.getForEntity("/api/cases/" + id + "/input", Map.class);

    assertThat(raw.getStatusCode()).isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
    assertThat(raw.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    assertThat(raw.getBody()).containsEntry("title", "Input unreadable");
    assertThat(http.getForEntity("/api/cases/" + id, Map.class).getStatusCode()).isEqualTo(HttpStatus.OK);
  }

  @Test
  void shouldNotOpenAnInputCopiedIntoAnotherCase() {
    UUID first = submit(Map.of("flow", "spam-review", "payload", Map.of("text", TEXT)));
    UUID second = submit(Map.of("flow", "spam-review", "payload", Map.of("text", "Lunch at noon?")));
    awaitDecided(first);
    awaitDecided(second);

    jdbc.update("""
        update review_case t set input_key_id = s.input_key_id, input_nonce = s.input_nonce,
          input_ciphertext = s.input_ciphertext from review_case s where s.id = ? and t.id = ?""", first, second);

    assertThat(http.getForEntity("/api/cases/" + second + "/input", Map.class).getStatusCode())
        .isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
  }

  /** Every table of the database whose rows, as text, contain the value. */
  private List<String> tablesContaining(String value) {
    List<String> tables = jdbc.queryForList("""
        select table_schema || '.' || table_name from information_schema.tables
        where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema')""", String.class);
    return tables.stream().filter(table -> jdbc.queryForObject(
        "select exists (select 1 from " + table + " t where t::text like ?)", Boolean.class,
        "%" + value.replace("%", "\\%").replace("_", "\\_") + "%")).toList();
  }
}

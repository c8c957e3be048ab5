package io.tandem.audit;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;

/**
 * The hash of an audit event, reproducible by anyone holding the rows (for instance from {@code
 * SELECT sequence, case_id, event_type, actor, occurred_at, payload::text, previous_hash FROM
 * audit_event ORDER BY sequence}).
 *
 * <p>{@code hash = lowercase hex of SHA-256(UTF-8 bytes of the canonical form)}, where the canonical
 * form is this JSON object:
 *
 * <pre>{@code
 * {"actor":"alice","case_id":"c-1","event_type":"DECIDED","occurred_at":"2025-01-31T09:15:02.123456Z",
 *  "payload":{...},"previous_hash":"<64 hex>","sequence":42}
 * }</pre>
 *
 * (on one line), written as follows:
 *
 * <ul>
 *   <li>keys of every object, nested ones included, sorted by their UTF-16 code units (Java's {@code
 *       String.compareTo}, as RFC 8785 sorts them); array order kept;
 *   <li>no whitespace between tokens; strings with JSON's minimal escaping ({@code "}, {@code \},
 *       control characters), everything else as UTF-8;
 *   <li>{@code case_id} is {@code null} for events of no one case; {@code sequence} a JSON integer;
 *   <li>{@code occurred_at} in UTC as {@code yyyy-MM-ddTHH:mm:ss.SSSSSSZ}: always six fraction
 *       digits (microseconds, PostgreSQL's precision);
 *   <li>{@code payload} is the stored JSONB value as PostgreSQL prints it ({@code payload::text}),
 *       re-serialized by these rules; numbers keep PostgreSQL's plain decimal digits exactly ({@code
 *       0.10} stays {@code 0.10}, no exponent);
 *   <li>{@code previous_hash} of the first event is 64 zeros.
 * </ul>
 */
final class AuditHashing {

  static final String GENESIS = "0".repeat(64);

  private static final DateTimeFormatter OCCURRED_AT =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

  // reads numbers as exact decimals and writes them back digit for digit
  private static final JsonMapper CANONICAL =
      JsonMapper.builder()
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
          .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
          .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
          .build();

  private AuditHashing() {}

  /** The instant as it is stored and hashed: truncated to microseconds. */
  static Instant storable(Instant instant) {
    return instant.truncatedTo(ChronoUnit.MICROS);
  }

  static String formatOccurredAt(Instant occurredAt) {
    return OCCURRED_AT.format(storable(occurredAt));
  }

  /** The canonical form of a whole event; {@code payloadJson} is any JSON text of its payload. */
  static String canonicalForm(
      long sequence,
      String caseId,
      String eventType,
      String actor,
      Instant occurredAt,
      String payloadJson,
      String previousHash) {
    ObjectNode event = CANONICAL.createObjectNode();
    event.put("sequence", sequence);
    event.put("case_id", caseId);
    event.put("event_type", eventType);
    event.put("actor", actor);
    event.put("occurred_at", formatOccurredAt(occurredAt));
    event.set("payload", parse(payloadJson));
    event.put("previous_hash", previousHash);
    return canonicalJson(event);
  }

  static String hash(
      long sequence,
      String caseId,
      String eventType,
      String actor,
      Instant occurredAt,
      String payloadJson,
      String previousHash) {
    return sha256Hex(
        canonicalForm(sequence, caseId, eventType, actor, occurredAt, payloadJson, previousHash));
  }

  /** Any JSON text in its canonical form (sorted keys, no whitespace, exact numbers). */
  static String canonicalJson(String json) {
    return canonicalJson(parse(json));
  }

  static String sha256Hex(String text) {
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(sha256.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }

  private static JsonNode parse(String json) {
    try {
      return CANONICAL.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
    }
  }

  private static String canonicalJson(JsonNode node) {
    StringWriter out = new StringWriter();
    try (JsonGenerator generator = CANONICAL.createGenerator(out)) {
      write(node, generator);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  private static void write(JsonNode node, JsonGenerator generator) throws IOException {
    if (node.isObject()) {
      List<String> names = new ArrayList<>();
      for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
        names.add(it.next());
      }
      names.sort(null);
      generator.writeStartObject();
      for (String name : names) {
        generator.writeFieldName(name);
        write(node.get(name), generator);
      }
      generator.writeEndObject();
    } else if (node.isArray()) {
      generator.writeStartArray();
      for (JsonNode element : node) {
        write(element, generator);
      }
      generator.writeEndArray();
    } else {
      CANONICAL.writeTree(generator, node);
    }
  }
}

package io.tandem.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** SQL of the audit tables; callers bring the transaction. */
@Repository
class AuditRepository {

  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};
  private static final String COLUMNS =
      "sequence, case_id, event_type, actor, occurred_at, payload::text AS payload, previous_hash, hash";

  private final JdbcTemplate jdbc;
  private final JdbcTemplate streaming;
  private final ObjectMapper json;

  AuditRepository(DataSource dataSource, ObjectMapper json) {
    this.jdbc = new JdbcTemplate(dataSource);
    this.streaming = new JdbcTemplate(dataSource);
    this.streaming.setFetchSize(1_000); // a cursor, inside a transaction: verify never holds the whole log
    this.json = json;
  }

  /** The stored form of a JSON object: PostgreSQL's jsonb text of it, which the hash covers. */
  String normalize(String payloadJson) {
    return jdbc.queryForObject("SELECT CAST(? AS jsonb)::text", String.class, payloadJson);
  }

  /** Locks the chain head until the transaction ends: the one place appends queue up. */
  ChainHead lockHead() {
    return jdbc.queryForObject(
        "SELECT sequence, hash FROM audit_chain_head WHERE id = 1 FOR UPDATE",
        (rs, i) -> new ChainHead(rs.getLong("sequence"), rs.getString("hash")));
  }

  ChainHead head() {
    return jdbc.queryForObject(
        "SELECT sequence, hash FROM audit_chain_head WHERE id = 1",
        (rs, i) -> new ChainHead(rs.getLong("sequence"), rs.getString("hash")));
  }

  void insert(StoredEvent event) {
    jdbc.update(
        """
        INSERT INTO audit_event
          (sequence, case_id, event_type, actor, occurred_at, payload, previous_hash, hash)
        VALUES (?, ?, ?, ?, ?, CAST(? AS jsonb), ?, ?)
        """,
        event.sequence(),
        event.caseId(),
        event.eventType(),
        event.actor(),
        OffsetDateTime.ofInstant(event.occurredAt(), ZoneOffset.UTC),
        event.payloadJson(),
        event.previousHash(),
        event.hash());
    jdbc.update(
        "UPDATE audit_chain_head SET sequence = ?, hash = ? WHERE id = 1",
        event.sequence(),
        event.hash());
  }

  /** Whether the case has an event of the type whose payload contains the given JSON object. */
  boolean hasEvent(String caseId, String eventType, String payloadSubsetJson) {
    return Boolean.TRUE.equals(jdbc.queryForObject(
        """
        SELECT EXISTS (SELECT 1 FROM audit_event
          WHERE case_id = ? AND event_type = ? AND payload @> CAST(? AS jsonb))
        """,
        Boolean.class, caseId, eventType, payloadSubsetJson));
  }

  List<StoredEvent> forCase(String caseId) {
    return jdbc.query(
        "SELECT " + COLUMNS + " FROM audit_event WHERE case_id = ? ORDER BY sequence",
        (rs, i) -> stored(rs),
        caseId);
  }

  /**
   * Feeds every event in chain order to {@code visitor} until it returns false; runs on a cursor,
   * so call it inside a transaction.
   */
  void scan(Predicate<StoredEvent> visitor) {
    streaming.query(
        "SELECT " + COLUMNS + " FROM audit_event ORDER BY sequence",
        (ResultSet rs) -> {
          while (rs.next() && visitor.test(stored(rs))) {
            // the visitor decides when to stop
          }
          return null;
        });
  }

  AuditEvent toEvent(StoredEvent event) {
    try {
      return new AuditEvent(
          event.sequence(),
          event.caseId(),
          event.eventType(),
          event.actor(),
          event.occurredAt(),
          json.readValue(event.payloadJson(), MAP),
          event.previousHash(),
          event.hash());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("unreadable payload of audit event " + event.sequence(), e);
    }
  }

  private static StoredEvent stored(ResultSet rs) throws SQLException {
    return new StoredEvent(
        rs.getLong("sequence"),
        rs.getString("case_id"),
        rs.getString("event_type"),
        rs.getString("actor"),
        rs.getObject("occurred_at", OffsetDateTime.class).toInstant(),
        rs.getString("payload"),
        rs.getString("previous_hash"),
        rs.getString("hash"));
  }

  record ChainHead(long sequence, String hash) {}

  /** A row as it is in the table, payload as PostgreSQL prints it. */
  record StoredEvent(
      long sequence,
      String caseId,
      String eventType,
      String actor,
      Instant occurredAt,
      String payloadJson,
      String previousHash,
      String hash) {}
}

package io.tandem.webhooks;

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
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/** SQL of the webhook outbox; callers bring the transaction. */
@Repository
class WebhookRepository {

  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

  private final NamedParameterJdbcTemplate jdbc;
  private final ObjectMapper json;

  WebhookRepository(DataSource dataSource, ObjectMapper json) {
    this.jdbc = new NamedParameterJdbcTemplate(dataSource);
    this.json = json;
  }

  void insert(UUID id, String caseId, String url, String eventType, String payloadJson, Instant now) {
    jdbc.update(
        """
        INSERT INTO webhook_delivery (id, case_id, url, event_type, payload, next_attempt_at, created_at)
        VALUES (:id, :caseId, :url, :eventType, CAST(:payload AS jsonb), :now, :now)
        """,
        new MapSqlParameterSource()
            .addValue("id", id)
            .addValue("caseId", caseId)
            .addValue("url", url)
            .addValue("eventType", eventType)
            .addValue("payload", payloadJson)
            .addValue("now", timestamp(now)));
  }

  /**
   * Claims up to {@code limit} due deliveries for one attempt each: counts the attempt and pushes
   * {@code next_attempt_at} to the end of the lease, so no other node picks them up meanwhile (and
   * one does once the lease ran out, should this node die). SKIP LOCKED lets pollers on several
   * nodes claim side by side without waiting on each other or sharing a row.
   */
  List<Claimed> claimDue(Instant now, int limit, Instant leaseEnd, UUID claimToken) {
    return jdbc.query(
        """
        UPDATE webhook_delivery d
           SET attempts = d.attempts + 1, next_attempt_at = :leaseEnd, claim_token = :token
         WHERE d.id IN (SELECT id FROM webhook_delivery
                         WHERE status = 'PENDING' AND next_attempt_at <= :now
                         ORDER BY next_attempt_at
                         LIMIT :limit
                         FOR UPDATE SKIP LOCKED)
        RETURNING d.id, d.case_id, d.url, d.event_type, d.payload::text AS payload, d.attempts,
                  d.created_at
        """,
        new MapSqlParameterSource()
            .addValue("now", timestamp(now))
            .addValue("limit", limit)
            .addValue("leaseEnd", timestamp(leaseEnd))
            .addValue("token", claimToken),
        (rs, i) ->
            new Claimed(
                rs.getObject("id", UUID.class),
                rs.getString("case_id"),
                rs.getString("url"),
                rs.getString("event_type"),
                rs.getString("payload"),
                rs.getInt("attempts"),
                instant(rs, "created_at")));
  }

  void insertAttempt(WebhookAttempt attempt) {
    jdbc.update(
        """
        INSERT INTO webhook_attempt (delivery_id, attempt, started_at, finished_at, status_code, error)
        VALUES (:id, :attempt, :startedAt, :finishedAt, :statusCode, :error)
        """,
        new MapSqlParameterSource()
            .addValue("id", attempt.deliveryId())
            .addValue("attempt", attempt.attempt())
            .addValue("startedAt", timestamp(attempt.startedAt()))
            .addValue("finishedAt", timestamp(attempt.finishedAt()))
            .addValue("statusCode", attempt.statusCode())
            .addValue("error", attempt.error()));
  }

  /**
   * Records how the claimed attempt ended, unless the claim is stale (its lease ran out and another
   * node claimed the delivery since).
   *
   * @param nextAttemptAt when to try again; null for a final status
   * @return whether the claim still held
   */
  boolean finish(
      UUID id,
      UUID claimToken,
      DeliveryStatus status,
      Instant nextAttemptAt,
      Integer statusCode,
      String error,
      Instant now) {
    return jdbc.update(
            """
            UPDATE webhook_delivery
               SET status = :status,
                   next_attempt_at = COALESCE(:nextAttemptAt, next_attempt_at),
                   claim_token = NULL,
                   last_status_code = :statusCode,
                   last_error = :error,
                   delivered_at = CASE WHEN :status = 'DELIVERED' THEN :now END
             WHERE id = :id AND claim_token = :token
            """,
            new MapSqlParameterSource()
                .addValue("id", id)
                .addValue("token", claimToken)
                .addValue("status", status.name())
                .addValue("nextAttemptAt", timestamp(nextAttemptAt), java.sql.Types.TIMESTAMP_WITH_TIMEZONE)
                .addValue("statusCode", statusCode, java.sql.Types.INTEGER)
                .addValue("error", error)
                .addValue("now", timestamp(now)))
        == 1;
  }

  Optional<WebhookDelivery> find(UUID id) {
    return jdbc
        .query(
            "SELECT *, payload::text AS payload_json FROM webhook_delivery WHERE id = :id",
            Map.of("id", id),
            (rs, i) -> delivery(rs))
        .stream()
        .findFirst();
  }

  List<WebhookDelivery> forCase(String caseId) {
    return jdbc.query(
        "SELECT *, payload::text AS payload_json FROM webhook_delivery WHERE case_id = :caseId"
            + " ORDER BY created_at, id",
        Map.of("caseId", caseId),
        (rs, i) -> delivery(rs));
  }

  List<WebhookAttempt> attempts(UUID id) {
    return jdbc.query(
        "SELECT * FROM webhook_attempt WHERE delivery_id = :id ORDER BY attempt",
        Map.of("id", id),
        (rs, i) ->
            new WebhookAttempt(
                rs.getObject("delivery_id", UUID.class),
                rs.getInt("attempt"),
                instant(rs, "started_at"),
                instant(rs, "finished_at"),
                rs.getObject("status_code", Integer.class),
                rs.getString("error")));
  }

  private WebhookDelivery delivery(ResultSet rs) throws SQLException {
    return new WebhookDelivery(
        rs.getObject("id", UUID.class),
        rs.getString("case_id"),
        rs.getString("url"),
        rs.getString("event_type"),
        readMap(rs.getString("payload_json")),
        DeliveryStatus.valueOf(rs.getString("status")),
        rs.getInt("attempts"),
        instant(rs, "next_attempt_at"),
        rs.getObject("last_status_code", Integer.class),
        rs.getString("last_error"),
        instant(rs, "created_at"),
        instant(rs, "delivered_at"));
  }

  private Map<String, Object> readMap(String payloadJson) {
    try {
      return json.readValue(payloadJson, MAP);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("unreadable webhook payload", e);
    }
  }

  private static OffsetDateTime timestamp(Instant instant) {
    return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }

  /** A delivery claimed for one attempt. */
  record Claimed(
      UUID id,
      String caseId,
      String url,
      String eventType,
      String payloadJson,
      int attempt,
      Instant createdAt) {}
}

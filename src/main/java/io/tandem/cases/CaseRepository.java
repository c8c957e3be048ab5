package io.tandem.cases;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tandem.cases.ReviewCase.CaseStatus;
import io.tandem.privacy.SealBrokenException;
import io.tandem.privacy.SealedValue;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

@Repository
public class CaseRepository {

  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};
  private final JdbcTemplate jdbc;
  private final ObjectMapper json;
  private final CaseInputs inputs;

  CaseRepository(JdbcTemplate jdbc, ObjectMapper json, CaseInputs inputs) {
    this.jdbc = jdbc;
    this.json = json;
    this.inputs = inputs;
  }

  /**
   * Inserts unless the flow already has a case with this idempotency key; true when inserted. The
   * payload is stored sealed (key id, nonce, ciphertext), never in clear.
   */
  boolean insert(ReviewCase c) {
    SealedValue sealed = c.input().sealed();
    return jdbc.update("""
        insert into review_case (id, flow, idempotency_key, status, input_key_id, input_nonce,
          input_ciphertext, metadata, webhook_url, created_at, updated_at)
          values (?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?)
        on conflict (flow, idempotency_key) where idempotency_key is not null do nothing""",
        c.id(), c.flow(), c.idempotencyKey(), c.status().name(), sealed.keyId(), sealed.nonce(),
        sealed.ciphertext(), write(c.metadata()), c.webhookUrl(), Timestamp.from(c.createdAt()),
        Timestamp.from(c.updatedAt())) == 1;
  }

  /**
   * Re-seals, under the current key, up to {@code limit} inputs sealed under another (a previous key
   * after a rotation); rows another node is re-sealing are skipped. An input that does not open is
   * left as it is and reported. Runs in the caller's transaction.
   */
  Resealed resealStale(int limit) {
    List<UUID> stale = jdbc.queryForList("select id from review_case where input_key_id <> ?"
        + " order by id limit ? for update skip locked", UUID.class, inputs.currentKeyId(), limit);
    int resealed = 0;
    List<UUID> broken = new ArrayList<>();
    for (UUID id : stale) {
      try {
        SealedValue sealed = inputs.seal(id, find(id).orElseThrow().payload()).sealed();
        jdbc.update("update review_case set input_key_id = ?, input_nonce = ?, input_ciphertext = ? where id = ?",
            sealed.keyId(), sealed.nonce(), sealed.ciphertext(), id);
        resealed++;
      } catch (SealBrokenException e) {
        broken.add(id);
      }
    }
    return new Resealed(resealed, broken);
  }

  record Resealed(int count, List<UUID> broken) {}

  public Optional<ReviewCase> find(UUID id) {
    return jdbc.query("select * from review_case where id = ?", this::map, id).stream().findFirst();
  }

  public Optional<ReviewCase> findByProcessInstance(long processInstanceKey) {
    return jdbc.query("select * from review_case where process_instance_key = ?", this::map,
        processInstanceKey).stream().findFirst();
  }

  Optional<ReviewCase> findByIdempotencyKey(String flow, String key) {
    return jdbc.query("select * from review_case where flow = ? and idempotency_key = ?", this::map,
        flow, key).stream().findFirst();
  }

  List<ReviewCase> list(String flow, CaseStatus status, int limit, int offset) {
    return jdbc.query("""
        select * from review_case where (?::text is null or flow = ?) and (?::text is null or status = ?)
        order by created_at desc, id limit ? offset ?""", this::map,
        flow, flow, status == null ? null : status.name(), status == null ? null : status.name(), limit, offset);
  }

  long count(String flow, CaseStatus status) {
    Long count = jdbc.queryForObject("""
        select count(*) from review_case where (?::text is null or flow = ?) and (?::text is null or status = ?)""",
        Long.class, flow, flow, status == null ? null : status.name(), status == null ? null : status.name());
    return count == null ? 0 : count;
  }

  List<ReviewCase> unstarted(Instant createdBefore, int limit) {
    return jdbc.query("""
        select * from review_case where process_instance_key is null and created_at < ?
        order by created_at limit ? for update skip locked""", this::map, Timestamp.from(createdBefore), limit);
  }

  void started(UUID id, long processInstanceKey, Instant now) {
    jdbc.update("update review_case set process_instance_key = ?, status = 'IN_PROGRESS', updated_at = ?"
        + " where id = ? and process_instance_key is null", processInstanceKey, Timestamp.from(now), id);
  }

  public void masked(UUID id, String maskedText, List<?> findings, Instant now) {
    jdbc.update("update review_case set masked_text = ?, pii_findings = ?::jsonb, updated_at = ? where id = ?",
        maskedText, write(findings), Timestamp.from(now), id);
  }

  public void inferred(UUID id, String prediction, double confidence, String modelId, String modelVersion, Instant now) {
    jdbc.update("""
        update review_case set prediction = ?, confidence = ?, model_id = ?, model_version = ?,
          updated_at = ? where id = ?""", prediction, confidence, modelId, modelVersion, Timestamp.from(now), id);
  }

  /** Records the route the triage chose, once; false when already recorded (a redelivered job). */
  public boolean routed(UUID id, String route, String policyRule, Instant now) {
    return jdbc.update("update review_case set route = ?, policy_rule = ?, updated_at = ?"
        + " where id = ? and route is null", route, policyRule, Timestamp.from(now), id) == 1;
  }

  /** Records the final decision once; false if the case was already decided (a redelivered job). */
  public boolean decided(UUID id, String route, String policyRule, Map<String, Object> decision,
      String decidedBy, String reason, Instant now) {
    return jdbc.update("""
        update review_case set status = 'DECIDED', route = ?, policy_rule = ?, decision = ?::jsonb,
          decided_by = ?, decision_reason = ?, decided_at = ?, updated_at = ?
        where id = ? and status <> 'DECIDED'""", route, policyRule, write(decision), decidedBy,
        reason, Timestamp.from(now), Timestamp.from(now), id) == 1;
  }

  private String write(Object value) {
    try {
      return json.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not serializable as JSON", e);
    }
  }

  private Map<String, Object> read(String value) {
    if (value == null) {
      return null;
    }
    try {
      return json.readValue(value, MAP);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("unreadable JSON in review_case", e);
    }
  }

  private ReviewCase map(ResultSet rs, int row) throws SQLException {
    UUID id = rs.getObject("id", UUID.class);
    CaseInput input = inputs.sealed(id, new SealedValue(rs.getString("input_key_id"),
        rs.getBytes("input_nonce"), rs.getBytes("input_ciphertext")));
    return new ReviewCase(id, rs.getString("flow"),
        rs.getString("idempotency_key"), CaseStatus.valueOf(rs.getString("status")),
        input, read(rs.getString("metadata")), rs.getString("webhook_url"),
        (Long) rs.getObject("process_instance_key"), rs.getString("masked_text"),
        rs.getString("prediction"), (Double) rs.getObject("confidence"), rs.getString("model_id"),
        rs.getString("model_version"), rs.getString("route"), rs.getString("policy_rule"),
        read(rs.getString("decision")), rs.getString("decided_by"), rs.getString("decision_reason"),
        instant(rs.getTimestamp("decided_at")), instant(rs.getTimestamp("created_at")),
        instant(rs.getTimestamp("updated_at")));
  }

  private static Instant instant(Timestamp timestamp) {
    return timestamp == null ? null : timestamp.toInstant();
  }
}

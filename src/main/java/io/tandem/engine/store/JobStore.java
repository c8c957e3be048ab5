package io.tandem.engine.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Jobs, locked and fetched by workers with SKIP LOCKED; a command creates and deletes its jobs with
 * its other writes ({@link InstanceWrites}).
 */
public final class JobStore {

  private static final List<String> COLUMN_NAMES = List.of("key", "type", "state", "deadline", "worker",
      "retries", "error_message", "custom_headers", "process_instance_key", "element_instance_key",
      "element_id", "bpmn_process_id", "process_definition_key", "version", "tenant_id");
  static final String COLUMNS = String.join(", ", COLUMN_NAMES);
  /** The columns, qualified by the alias {@code j}, for joins. */
  static final String COLUMNS_OF_J = "j." + String.join(", j.", COLUMN_NAMES);

  private final JdbcTemplate jdbc;

  public JobStore(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** Locks up to {@code max} activatable jobs of a type for a worker; others skip the locked rows. */
  public List<JobRow> activate(String type, Collection<String> tenantIds, int max, String worker,
      Instant now, Instant deadline) {
    return jdbc.query("""
        update engine_job set state = 'ACTIVATED', worker = ?, deadline = ?
        where key in (
          select key from engine_job
          where type = ? and state = 'ACTIVATABLE' and activatable_at <= ? and tenant_id = any(?)
          order by activatable_at, key limit ? for update skip locked)
        returning """ + " " + COLUMNS,
        JobStore::map, worker, Timestamp.from(deadline), type, Timestamp.from(now),
        tenantIds.toArray(String[]::new), max);
  }

  /** Activates one locked, activatable job for a worker (a job stream's). */
  public void activate(long key, String worker, Instant deadline) {
    jdbc.update("update engine_job set state = 'ACTIVATED', worker = ?, deadline = ? where key = ?",
        worker, Timestamp.from(deadline), key);
  }

  public Optional<JobRow> lock(long key) {
    return jdbc.query("select " + COLUMNS + " from engine_job where key = ? for update", JobStore::map, key)
        .stream().findFirst();
  }

  /**
   * A failed job: activatable again at once when it has retries left and no backoff; FAILED while
   * a backoff runs (like Camunda: it can be neither activated nor completed then) and when no
   * retries are left. The latter waits for its incident's resolution, not for a time: 'infinity'
   * keeps it from recurring after a retries update.
   */
  public void fail(long key, int retries, String errorMessage, Instant now, Instant activatableAt) {
    boolean activatable = retries > 0 && !activatableAt.isAfter(now);
    jdbc.update("""
        update engine_job set state = ?, retries = ?, error_message = ?, worker = null, deadline = null,
          activatable_at = case when ? then 'infinity'::timestamptz else ? end where key = ?""",
        activatable ? JobRow.ACTIVATABLE : JobRow.FAILED, retries, errorMessage, retries <= 0,
        Timestamp.from(activatableAt), key);
  }

  public void markErrorThrown(long key, String errorMessage) {
    jdbc.update("update engine_job set state = 'ERROR_THROWN', error_message = ?, worker = null,"
        + " deadline = null where key = ?", errorMessage, key);
  }

  public void updateRetries(long key, int retries) {
    jdbc.update("update engine_job set retries = ? where key = ?", retries, key);
  }

  public void updateDeadline(long key, Instant deadline) {
    jdbc.update("update engine_job set deadline = ? where key = ?", Timestamp.from(deadline), key);
  }

  /** A resolved job incident: the job may be activated again. */
  public void makeActivatable(long key, Instant now) {
    jdbc.update("update engine_job set state = 'ACTIVATABLE', worker = null, deadline = null,"
        + " activatable_at = ? where key = ?", Timestamp.from(now), key);
  }

  /** Hands activated jobs back, e.g. when the worker's request ended before it could get them. */
  public void release(Collection<Long> keys) {
    jdbc.update("update engine_job set state = 'ACTIVATABLE', worker = null, deadline = null"
        + " where key = any(?) and state = 'ACTIVATED'", (Object) keys.toArray(Long[]::new));
  }

  /** Jobs whose activation timed out become activatable again; returns their types. */
  public List<String> timeOutExpired(Instant now) {
    return jdbc.queryForList("""
        update engine_job set state = 'ACTIVATABLE', worker = null, deadline = null, activatable_at = ?
        where key in (select key from engine_job where state = 'ACTIVATED' and deadline <= ?
          for update skip locked)
        returning type""", String.class, Timestamp.from(now), Timestamp.from(now));
  }

  /** Jobs whose retry backoff has ended become activatable again; returns their types. */
  public List<String> recurAfterBackoff(Instant now) {
    return jdbc.queryForList("""
        update engine_job set state = 'ACTIVATABLE'
        where key in (select key from engine_job
          where state = 'FAILED' and retries > 0 and activatable_at <= ? for update skip locked)
        returning type""", String.class, Timestamp.from(now));
  }

  static JobRow map(ResultSet rs, int row) throws SQLException {
    Timestamp deadline = rs.getTimestamp("deadline");
    return new JobRow(rs.getLong("key"), rs.getString("type"), rs.getString("state"),
        deadline == null ? null : deadline.toInstant(), rs.getString("worker"), rs.getInt("retries"),
        rs.getString("error_message"), Json.readMap(rs.getString("custom_headers")),
        rs.getLong("process_instance_key"), rs.getLong("element_instance_key"),
        rs.getString("element_id"), rs.getString("bpmn_process_id"),
        rs.getLong("process_definition_key"), rs.getInt("version"), rs.getString("tenant_id"));
  }
}

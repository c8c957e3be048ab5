package io.tandem.engine.store;

import io.tandem.engine.state.InstanceDocument;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;

/** Process instance documents; {@link #lock} serializes all commands on one instance. */
public final class InstanceStore {

  private final JdbcTemplate jdbc;

  public InstanceStore(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  public Optional<InstanceDocument> lock(long key) {
    List<InstanceDocument> found = jdbc.query(
        "select document from engine_process_instance where key = ? for update",
        (rs, i) -> Json.read(rs.getString(1), InstanceDocument.class), key);
    return found.stream().findFirst();
  }

  /** A job and the document of its instance, both locked. */
  public record LockedJob(JobRow job, InstanceDocument document) {}

  /**
   * Locks a job's instance and then the job, in one round trip; empty when there is no such job.
   * The instance is locked first, as every command that locks both does, so no deadlock.
   */
  public Optional<LockedJob> lockJobAndInstance(long jobKey) {
    return jdbc.query("select i.document, " + JobStore.COLUMNS_OF_J + """
         from engine_process_instance i join engine_job j on j.process_instance_key = i.key
        where j.key = ? for update of i, j""",
        (rs, n) -> new LockedJob(JobStore.map(rs, n), Json.read(rs.getString("document"), InstanceDocument.class)),
        jobKey).stream().findFirst();
  }

  private static final String LOCK_ALL = InstanceWrites.GENERIC_PLANS + """
      select key, document from engine_process_instance
       where key = any(array(select unnest(?::bigint[])
         union select process_instance_key from engine_job where key = any(?::bigint[])))
       order by key for update""";

  /** Instances and jobs locked together, by key; what was not found is absent. */
  public record Locked(Map<Long, InstanceDocument> documents, Map<Long, JobRow> jobs) {}

  /**
   * Locks the given instances and the instances of the given jobs in key order (so two callers
   * locking overlapping sets cannot deadlock), then the jobs: two round trips for any number of them.
   * The keys are gathered into one array first: an {@code or} of the two lookups would scan the table.
   */
  public Locked lockAll(Collection<Long> instanceKeys, Collection<Long> jobKeys) {
    Long[] jobs = jobKeys.toArray(Long[]::new);
    Map<Long, InstanceDocument> documents = new HashMap<>();
    jdbc.execute(LOCK_ALL, (PreparedStatement statement) -> {
      statement.setArray(1, statement.getConnection().createArrayOf("bigint", instanceKeys.toArray()));
      statement.setArray(2, statement.getConnection().createArrayOf("bigint", jobs));
      // the first result is the set's update count, the second the rows
      statement.execute();
      statement.getMoreResults();
      try (ResultSet rs = statement.getResultSet()) {
        while (rs.next()) {
          documents.put(rs.getLong(1), Json.read(rs.getString(2), InstanceDocument.class));
        }
      }
      return null;
    });
    Map<Long, JobRow> lockedJobs = new HashMap<>();
    if (jobs.length > 0) {
      jdbc.query("select " + JobStore.COLUMNS + " from engine_job where key = any(?) order by key for update",
          rs -> {
            JobRow job = JobStore.map(rs, 0);
            lockedJobs.put(job.key(), job);
          }, (Object) jobs);
    }
    return new Locked(documents, lockedJobs);
  }

  /** Reads several instances in one query, by key (missing keys are absent from the map). */
  public Map<Long, InstanceDocument> readAll(Collection<Long> keys) {
    Map<Long, InstanceDocument> documents = new HashMap<>();
    if (!keys.isEmpty()) {
      jdbc.query("select key, document from engine_process_instance where key = any(?)",
          rs -> {
            documents.put(rs.getLong(1), Json.read(rs.getString(2), InstanceDocument.class));
          }, (Object) keys.stream().distinct().toArray(Long[]::new));
    }
    return documents;
  }

  static Timestamp timestamp(Long millis) {
    return millis == null ? null : Timestamp.from(Instant.ofEpochMilli(millis));
  }
}

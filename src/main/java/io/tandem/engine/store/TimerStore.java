package io.tandem.engine.store;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;

/** Pending timers; the scheduler fires the due ones. */
public final class TimerStore {

  public record TimerRow(long key, long processInstanceKey, long elementInstanceKey, String elementId,
      Instant dueDate, int repetitions, String cycle) {}

  private final JdbcTemplate jdbc;

  public TimerStore(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  public void insert(TimerRow timer) {
    jdbc.update("""
        insert into engine_timer (key, process_instance_key, element_instance_key, element_id,
          due_date, repetitions, cycle) values (?, ?, ?, ?, ?, ?, ?)""",
        timer.key(), timer.processInstanceKey(), timer.elementInstanceKey(), timer.elementId(),
        Timestamp.from(timer.dueDate()), timer.repetitions(), timer.cycle());
  }

  public List<TimerRow> due(Instant now, int limit) {
    return jdbc.query("select * from engine_timer where due_date <= ? order by due_date limit ?",
        (rs, i) -> map(rs), Timestamp.from(now), limit);
  }

  public Optional<TimerRow> find(long key) {
    return jdbc.query("select * from engine_timer where key = ?", (rs, i) -> map(rs), key)
        .stream().findFirst();
  }

  public void delete(long key) {
    jdbc.update("delete from engine_timer where key = ?", key);
  }

  public void deleteByElementInstance(long elementInstanceKey) {
    jdbc.update("delete from engine_timer where element_instance_key = ?", elementInstanceKey);
  }

  private static TimerRow map(java.sql.ResultSet rs) throws java.sql.SQLException {
    return new TimerRow(rs.getLong("key"), rs.getLong("process_instance_key"),
        rs.getLong("element_instance_key"), rs.getString("element_id"),
        rs.getTimestamp("due_date").toInstant(), rs.getInt("repetitions"), rs.getString("cycle"));
  }
}

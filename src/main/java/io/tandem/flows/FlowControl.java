package io.tandem.flows;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Per-flow switches operations can throw: route everything to people, or pause intake. */
@Repository
public class FlowControl {

  public record State(String flow, boolean killSwitch, boolean paused, String changedBy, String reason,
      Instant changedAt) {
    static State off(String flow) {
      return new State(flow, false, false, null, null, null);
    }
  }

  private final JdbcTemplate jdbc;

  FlowControl(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  public State state(String flow) {
    List<State> found = jdbc.query("select * from flow_control where flow = ?", (rs, i) -> new State(
        rs.getString("flow"), rs.getBoolean("kill_switch"), rs.getBoolean("paused"),
        rs.getString("changed_by"), rs.getString("reason"), rs.getTimestamp("changed_at").toInstant()), flow);
    return found.isEmpty() ? State.off(flow) : found.get(0);
  }

  State set(String flow, boolean killSwitch, boolean paused, String changedBy, String reason, Instant now) {
    jdbc.update("""
        insert into flow_control (flow, kill_switch, paused, changed_by, reason, changed_at)
        values (?, ?, ?, ?, ?, ?)
        on conflict (flow) do update set kill_switch = excluded.kill_switch, paused = excluded.paused,
          changed_by = excluded.changed_by, reason = excluded.reason, changed_at = excluded.changed_at""",
        flow, killSwitch, paused, changedBy, reason, Timestamp.from(now));
    return state(flow);
  }
}

package io.tandem.console;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * A flow's figures per time bucket and model version, from Tandem's own tables: cases in, how many
 * the model decided alone (automation), how many people decided otherwise than the model (override),
 * how often reviewers of one case agreed, SLA breaches (escalations for a missed SLA and expert
 * timeouts) and time to decision p50/p95.
 */
@Repository
class OpsMetrics {

  /** One bucket of one model version; rates are null when there was nothing to divide by. */
  record Bucket(Instant time, String modelVersion, long casesIn, long decided, Double automationRate,
      Double overrideRate, Double agreement, long slaBreaches, Double p50Seconds, Double p95Seconds) {}

  private final JdbcTemplate jdbc;

  OpsMetrics(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  List<Bucket> buckets(String flow, Duration window, String unit) {
    Timestamp since = Timestamp.from(Instant.now().minus(window));
    return jdbc.query("""
        with answers as (
          select case_id, count(*) as n, count(distinct answer) as distinct_answers
          from review_answer group by case_id),
        breaches as (
          select e.case_id, count(*) as n from audit_event e
          where e.event_type = 'ESCALATED' and e.payload->>'reason' = 'sla-missed' and e.occurred_at >= ?
          group by e.case_id)
        select date_trunc(?, c.created_at) as bucket, coalesce(c.model_version, 'none') as model_version,
               count(*) as cases_in,
               count(*) filter (where c.status = 'DECIDED') as decided,
               count(*) filter (where c.decided_by = 'model') as automated,
               count(*) filter (where c.decided_by in ('human', 'consensus', 'expert')) as by_people,
               count(*) filter (where c.decided_by in ('human', 'consensus', 'expert')
                                and c.decision->>'decision' is distinct from c.prediction) as overridden,
               count(*) filter (where a.n > 1) as multi_reviewed,
               count(*) filter (where a.n > 1 and a.distinct_answers = 1) as agreed,
               coalesce(sum(b.n), 0) + count(*) filter (where c.decided_by = 'timeout') as sla_breaches,
               percentile_cont(0.5) within group (order by extract(epoch from c.decided_at - c.created_at)) as p50,
               percentile_cont(0.95) within group (order by extract(epoch from c.decided_at - c.created_at)) as p95
        from review_case c
        left join answers a on a.case_id = c.id
        left join breaches b on b.case_id = c.id::text
        where c.flow = ? and c.created_at >= ?
        group by 1, 2 order by 1, 2""",
        (rs, row) -> {
          long decided = rs.getLong("decided");
          long byPeople = rs.getLong("by_people");
          long multi = rs.getLong("multi_reviewed");
          return new Bucket(rs.getTimestamp("bucket").toInstant(), rs.getString("model_version"),
              rs.getLong("cases_in"), decided, ratio(rs.getLong("automated"), decided),
              ratio(rs.getLong("overridden"), byPeople), ratio(rs.getLong("agreed"), multi),
              rs.getLong("sla_breaches"), (Double) rs.getObject("p50"), (Double) rs.getObject("p95"));
        },
        since, unit, flow, since);
  }

  private static Double ratio(long part, long whole) {
    return whole == 0 ? null : (double) part / whole;
  }
}

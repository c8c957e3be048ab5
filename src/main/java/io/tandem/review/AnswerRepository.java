package io.tandem.review;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import io.tandem.cases.CaseAnswers;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Reviewers' answers; one per reviewer and case (four eyes). */
@Repository
public class AnswerRepository implements CaseAnswers {

  public record StoredAnswer(UUID caseId, long taskKey, String elementId, String reviewer, String answer,
      String reason, Instant answeredAt) {}

  private final JdbcTemplate jdbc;

  AnswerRepository(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** False when this reviewer already answered on this case, or the task was already answered. */
  boolean insert(StoredAnswer a, String detailsJson) {
    return jdbc.update("""
        insert into review_answer (case_id, task_key, element_id, reviewer, answer, reason, details, answered_at)
        values (?, ?, ?, ?, ?, ?, ?::jsonb, ?) on conflict do nothing""", a.caseId(), a.taskKey(),
        a.elementId(), a.reviewer(), a.answer(), a.reason(), detailsJson, Timestamp.from(a.answeredAt())) == 1;
  }

  boolean hasAnswered(UUID caseId, String reviewer) {
    Integer count = jdbc.queryForObject("select count(*) from review_answer where case_id = ? and reviewer = ?",
        Integer.class, caseId, reviewer);
    return count != null && count > 0;
  }

  @Override
  public List<CaseAnswers.Answer> forCase(UUID caseId) {
    return stored(caseId).stream().map(a -> new CaseAnswers.Answer(a.reviewer(), a.elementId(),
        a.answer(), a.reason(), a.answeredAt())).toList();
  }

  List<StoredAnswer> stored(UUID caseId) {
    return jdbc.query("select * from review_answer where case_id = ? order by id", (rs, i) -> new StoredAnswer(
        rs.getObject("case_id", UUID.class), rs.getLong("task_key"), rs.getString("element_id"),
        rs.getString("reviewer"), rs.getString("answer"), rs.getString("reason"),
        rs.getTimestamp("answered_at").toInstant()), caseId);
  }
}

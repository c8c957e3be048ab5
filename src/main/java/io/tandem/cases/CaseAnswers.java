package io.tandem.cases;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The reviewers' answers on a case, as the case's readers see them (kept by the review feature). */
public interface CaseAnswers {

  record Answer(String reviewer, String task, String answer, String reason, Instant answeredAt) {}

  List<Answer> forCase(UUID caseId);
}

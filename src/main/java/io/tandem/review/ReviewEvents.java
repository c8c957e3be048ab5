package io.tandem.review;

import io.camunda.client.api.search.response.UserTask;
import io.tandem.cases.ReviewCase;

/** Who wants to know about reviewers' answers (the audit log, feedback). */
public interface ReviewEvents {
  void answered(ReviewCase reviewCase, UserTask task, AnswerRepository.StoredAnswer answer);
}

package io.tandem.privacy;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Reports a missing or malformed privacy key as Spring Boot's short "APPLICATION FAILED TO START" text. */
class PrivacyKeyFailureAnalyzer extends AbstractFailureAnalyzer<PrivacyKeyException> {

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, PrivacyKeyException cause) {
    return new FailureAnalysis(cause.getMessage(), cause.action(), cause);
  }
}

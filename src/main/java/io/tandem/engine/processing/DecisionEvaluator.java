package io.tandem.engine.processing;

import io.tandem.engine.expression.Result;
import java.util.Map;

/** Evaluates the latest deployed version of a decision (business rule tasks). */
public interface DecisionEvaluator {

  /** The decision's output, or a failure whose message says why (no such decision, evaluation). */
  Result<Object> evaluateLatest(String decisionId, String tenantId, Map<String, Object> variables);

  /** Whether a failure means the decision doesn't exist (CALLED_DECISION_ERROR in Camunda). */
  default boolean isMissing(String failure) {
    return failure != null && failure.startsWith("Expected to evaluate decision '")
        && failure.contains("but no decision found for id");
  }
}

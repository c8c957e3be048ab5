package io.tandem.engine.dmn;

import java.util.List;

/** What {@link DecisionService#evaluate} gives back: {@link Evaluated} or {@link Failed}. */
public sealed interface DecisionEvaluationResult
    permits DecisionEvaluationResult.Evaluated, DecisionEvaluationResult.Failed {

  /** The decisions evaluated (required decisions first, the requested one last). */
  List<EvaluatedDecision> evaluatedDecisions();

  /**
   * The requested decision's output as plain Java (see {@link FeelValues}): a single value for a
   * single-output table with a single-hit policy, a Map for several outputs, a List for COLLECT,
   * null when no rule matched.
   */
  record Evaluated(
      String decisionId,
      String decisionName,
      Object output,
      List<EvaluatedDecision> evaluatedDecisions)
      implements DecisionEvaluationResult {

    public Evaluated {
      evaluatedDecisions = List.copyOf(evaluatedDecisions);
    }
  }

  /**
   * The evaluation failed in {@code failedDecisionId} (the requested decision or one it requires).
   * {@code evaluatedDecisions} holds what was evaluated up to the failure, the failed decision last
   * with a null output.
   */
  record Failed(
      String decisionId,
      String failedDecisionId,
      String failureMessage,
      List<EvaluatedDecision> evaluatedDecisions)
      implements DecisionEvaluationResult {

    public Failed {
      evaluatedDecisions = List.copyOf(evaluatedDecisions);
    }
  }
}

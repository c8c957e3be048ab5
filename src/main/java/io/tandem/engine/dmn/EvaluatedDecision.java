package io.tandem.engine.dmn;

import java.util.List;

/**
 * One decision of an evaluation, for the audit trail. Values are plain Java (see {@link
 * FeelValues}); inputs and matched rules are empty unless the decision is a decision table.
 */
public record EvaluatedDecision(
    String decisionId,
    String decisionName,
    DecisionType decisionType,
    Object output,
    List<EvaluatedInput> evaluatedInputs,
    List<MatchedRule> matchedRules) {

  public EvaluatedDecision {
    evaluatedInputs = List.copyOf(evaluatedInputs);
    matchedRules = List.copyOf(matchedRules);
  }

  public record EvaluatedInput(String inputId, String inputName, Object inputValue) {}

  /** A rule that matched; {@code ruleIndex} is its position in the table, starting at 1. */
  public record MatchedRule(String ruleId, int ruleIndex, List<EvaluatedOutput> evaluatedOutputs) {

    public MatchedRule {
      evaluatedOutputs = List.copyOf(evaluatedOutputs);
    }
  }

  public record EvaluatedOutput(String outputId, String outputName, Object outputValue) {}
}

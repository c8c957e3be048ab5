package io.tandem.engine.dmn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.tandem.engine.dmn.DecisionEvaluationResult.Evaluated;
import io.tandem.engine.dmn.DecisionEvaluationResult.Failed;
import io.tandem.engine.dmn.EvaluatedDecision.EvaluatedInput;
import io.tandem.engine.dmn.EvaluatedDecision.EvaluatedOutput;
import io.tandem.engine.dmn.EvaluatedDecision.MatchedRule;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DecisionServiceEvaluateTest {

  private final DecisionService service = new DecisionService();

  // first hit policy

  @ParameterizedTest
  @CsvSource({
    // the escalation rule comes first, so risk beats confidence
    "0.95, critical, senior-review, rule-escalate, 1",
    "0.3,  high,     senior-review, rule-escalate, 1",
    // [0.9..1] includes both ends; the catch-all rule 4 also matches but FIRST stops at 2
    "0.95, low,      auto-approve,  rule-auto,     2",
    "0.9,  medium,   auto-approve,  rule-auto,     2",
    "1,    low,      auto-approve,  rule-auto,     2",
    // [0.5..0.9[ excludes 0.9
    "0.7,  medium,   review,        rule-review,   3",
    "0.2,  low,      manual,        rule-manual,   4",
  })
  void shouldRouteByTheFirstMatchingRule(
      double confidence, String riskClass, String route, String ruleId, int ruleIndex) {
    Evaluated evaluated =
        evaluated("triage.dmn", "triage", Map.of("confidence", confidence, "riskClass", riskClass));

    assertThat(evaluated.decisionId()).isEqualTo("triage");
    assertThat(evaluated.decisionName()).isEqualTo("Triage");
    assertThat(evaluated.output()).isEqualTo(route);
    EvaluatedDecision triage = evaluated.evaluatedDecisions().get(0);
    assertThat(evaluated.evaluatedDecisions()).hasSize(1);
    assertThat(triage.decisionType()).isEqualTo(DecisionType.DECISION_TABLE);
    assertThat(triage.output()).isEqualTo(route);
    assertThat(triage.matchedRules())
        .containsExactly(
            new MatchedRule(
                ruleId, ruleIndex, List.of(new EvaluatedOutput("output-route", "route", route))));
  }

  @Test
  void shouldReportTheEvaluatedInputs() {
    EvaluatedDecision triage =
        evaluated("triage.dmn", "triage", Map.of("confidence", 0.95, "riskClass", "low"))
            .evaluatedDecisions()
            .get(0);

    assertThat(triage.evaluatedInputs())
        .containsExactly(
            new EvaluatedInput("input-confidence", "Confidence", new BigDecimal("0.95")),
            new EvaluatedInput("input-risk", "Risk class", "low"));
  }

  @Test
  void shouldEvaluateMissingInputsAsNull() {
    Evaluated evaluated = evaluated("triage.dmn", "triage", Map.of());

    assertThat(evaluated.output()).isEqualTo("manual");
    EvaluatedDecision triage = evaluated.evaluatedDecisions().get(0);
    assertThat(triage.evaluatedInputs())
        .extracting(EvaluatedInput::inputValue)
        .containsExactly(null, null);
    assertThat(triage.matchedRules()).extracting(MatchedRule::ruleIndex).containsExactly(4);
  }

  @Test
  void shouldTreatNoVariablesAsNoneAndNullValuesAsNull() {
    Map<String, Object> variables = new HashMap<>();
    variables.put("confidence", null);
    variables.put("riskClass", "critical");

    assertThat(evaluated("triage.dmn", "triage", null).output()).isEqualTo("manual");
    assertThat(evaluated("triage.dmn", "triage", variables).output()).isEqualTo("senior-review");
  }

  // unique hit policy with two outputs

  @Test
  void shouldReturnAMapOfTheOutputs() {
    Evaluated evaluated = evaluated("risk-assessment.dmn", "assess-risk", Map.of("amount", 5000));

    assertThat(evaluated.output()).isEqualTo(Map.of("riskClass", "medium", "reviewers", 1L));
    assertThat(evaluated.evaluatedDecisions().get(0).matchedRules())
        .containsExactly(
            new MatchedRule(
                "rule-medium",
                2,
                List.of(
                    new EvaluatedOutput("output-class", "riskClass", "medium"),
                    new EvaluatedOutput("output-reviewers", "reviewers", 1L))));
  }

  @Test
  void shouldReturnNullWhenNoRuleMatches() {
    Evaluated evaluated = evaluated("risk-assessment.dmn", "assess-risk", Map.of());

    assertThat(evaluated.output()).isNull();
    assertThat(evaluated.evaluatedDecisions().get(0).matchedRules()).isEmpty();
  }

  @Test
  void shouldFailWhenTwoRulesMatch() {
    Failed failed = failed("risk-assessment.dmn", "assess-risk", Map.of("amount", 2_000_000));

    assertThat(failed.decisionId()).isEqualTo("assess-risk");
    assertThat(failed.failedDecisionId()).isEqualTo("assess-risk");
    assertThat(failed.failureMessage())
        .startsWith("multiple values aren't allowed for UNIQUE hit policy");
    EvaluatedDecision assessRisk = failed.evaluatedDecisions().get(0);
    assertThat(assessRisk.output()).isNull();
    assertThat(assessRisk.matchedRules())
        .extracting(MatchedRule::ruleId)
        .containsExactly("rule-large", "rule-huge");
  }

  // collect hit policy

  @Test
  void shouldReturnTheOutputsOfAllMatchingRules() {
    Evaluated evaluated =
        evaluated("notifications.dmn", "notify-channels", Map.of("riskClass", "critical"));

    assertThat(evaluated.output()).isEqualTo(List.of("audit-log", "email", "pager"));
    assertThat(evaluated.evaluatedDecisions().get(0).matchedRules())
        .extracting(MatchedRule::ruleId, MatchedRule::ruleIndex)
        .containsExactly(tuple("rule-audit", 1), tuple("rule-email", 2), tuple("rule-pager", 3));
  }

  @Test
  void shouldReturnAListEvenForOneMatch() {
    assertThat(
            evaluated("notifications.dmn", "notify-channels", Map.of("riskClass", "low")).output())
        .isEqualTo(List.of("audit-log"));
  }

  // literal expression

  @Test
  void shouldReturnTheExpressionsValueAsPlainJava() {
    Evaluated evaluated =
        evaluated("summary.dmn", "summarize", Map.of("riskClass", "high", "confidence", 0.95));

    assertThat(evaluated.output())
        .isEqualTo(
            Map.of(
                "label",
                "HIGH",
                "percent",
                95L,
                "confident",
                true,
                "due",
                LocalDate.of(2025, 1, 31),
                "tags",
                List.of("ai", "high")));
    EvaluatedDecision summarize = evaluated.evaluatedDecisions().get(0);
    assertThat(summarize.decisionType()).isEqualTo(DecisionType.LITERAL_EXPRESSION);
    assertThat(summarize.output()).isEqualTo(evaluated.output());
    assertThat(summarize.evaluatedInputs()).isEmpty();
    assertThat(summarize.matchedRules()).isEmpty();
  }

  // required decisions

  @Test
  void shouldEvaluateTheRequiredDecisionFirst() {
    Evaluated evaluated =
        evaluated("triage-drg.dmn", "route", Map.of("amount", 5000, "confidence", 0.95));

    assertThat(evaluated.decisionName()).isEqualTo("Route");
    assertThat(evaluated.output()).isEqualTo("senior-review");
    assertThat(evaluated.evaluatedDecisions())
        .extracting(
            EvaluatedDecision::decisionId,
            EvaluatedDecision::decisionType,
            EvaluatedDecision::output)
        .containsExactly(
            tuple("risk-class", DecisionType.DECISION_TABLE, "high"),
            tuple("route", DecisionType.LITERAL_EXPRESSION, "senior-review"));
    EvaluatedDecision riskClass = evaluated.evaluatedDecisions().get(0);
    assertThat(riskClass.decisionName()).isEqualTo("Risk class");
    assertThat(riskClass.evaluatedInputs())
        .containsExactly(new EvaluatedInput("input-amount", "Amount", 5000L));
    assertThat(riskClass.matchedRules())
        .containsExactly(
            new MatchedRule(
                "rule-high", 2, List.of(new EvaluatedOutput("output-risk", "riskClass", "high"))));
  }

  @Test
  void shouldUseTheRequiredDecisionsResult() {
    assertThat(
            evaluated("triage-drg.dmn", "route", Map.of("amount", 10, "confidence", 0.95)).output())
        .isEqualTo("auto-approve");
  }

  @Test
  void shouldEvaluateARequiredDecisionOnItsOwn() {
    Evaluated evaluated = evaluated("triage-drg.dmn", "risk-class", Map.of("amount", 10));

    assertThat(evaluated.output()).isEqualTo("low");
    assertThat(evaluated.evaluatedDecisions())
        .extracting(EvaluatedDecision::decisionId)
        .containsExactly("risk-class");
  }

  @Test
  void shouldNameTheRequiredDecisionThatFailed() {
    Failed failed =
        failed("triage-drg.dmn", "route", Map.of("amount", 5_000_000, "confidence", 0.95));

    assertThat(failed.decisionId()).isEqualTo("route");
    assertThat(failed.failedDecisionId()).isEqualTo("risk-class");
    assertThat(failed.failureMessage()).contains("UNIQUE hit policy");
    assertThat(failed.evaluatedDecisions())
        .extracting(EvaluatedDecision::decisionId)
        .containsExactly("risk-class");
  }

  // unknown decision

  @Test
  void shouldFailForAnUnknownDecision() {
    Failed failed = failed("triage.dmn", "nope", Map.of());

    assertThat(failed.decisionId()).isEqualTo("nope");
    assertThat(failed.failedDecisionId()).isEqualTo("nope");
    assertThat(failed.failureMessage()).isEqualTo("no decision found for 'nope'");
    assertThat(failed.evaluatedDecisions()).isEmpty();
  }

  private Evaluated evaluated(String resource, String decisionId, Map<String, Object> variables) {
    DecisionEvaluationResult result =
        service.evaluate(TestDmn.parse(service, resource), decisionId, variables);
    assertThat(result).isInstanceOf(Evaluated.class);
    return (Evaluated) result;
  }

  private Failed failed(String resource, String decisionId, Map<String, Object> variables) {
    DecisionEvaluationResult result =
        service.evaluate(TestDmn.parse(service, resource), decisionId, variables);
    assertThat(result).isInstanceOf(Failed.class);
    return (Failed) result;
  }
}

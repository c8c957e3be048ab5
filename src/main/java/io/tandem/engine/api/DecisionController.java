package io.tandem.engine.api;

import io.camunda.client.protocol.rest.DecisionEvaluationInstruction;
import io.camunda.client.protocol.rest.EvaluateDecisionResult;
import io.camunda.client.protocol.rest.EvaluatedDecisionInputItem;
import io.camunda.client.protocol.rest.EvaluatedDecisionOutputItem;
import io.camunda.client.protocol.rest.EvaluatedDecisionResult;
import io.camunda.client.protocol.rest.MatchedDecisionRuleItem;
import io.tandem.engine.ConditionalOnEngine;
import io.tandem.engine.api.DecisionEvaluations.Evaluation;
import io.tandem.engine.dmn.DecisionEvaluationResult;
import io.tandem.engine.dmn.EvaluatedDecision;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Evaluates a deployed decision directly, with the audit of what matched. */
@ConditionalOnEngine
@RestController
@RequestMapping("/v2/decision-definitions")
class DecisionController {

  private final DecisionEvaluations evaluations;

  DecisionController(DecisionEvaluations evaluations) {
    this.evaluations = evaluations;
  }

  @PostMapping("/evaluation")
  EvaluateDecisionResult evaluate(@RequestBody DecisionEvaluationInstruction request) {
    Long key = request.getDecisionDefinitionKey() == null ? null
        : Keys.parse(request.getDecisionDefinitionKey(), "decisionDefinitionKey");
    Evaluation evaluation = evaluations.evaluate(key, request.getDecisionDefinitionId(), request.getTenantId(),
        request.getVariables());
    var decision = evaluation.decision();
    var response = new EvaluateDecisionResult()
        .decisionDefinitionId(decision.decision().resourceId())
        .decisionDefinitionKey(Keys.format(decision.decision().key()))
        .decisionDefinitionName(decision.decision().name())
        .decisionDefinitionVersion(decision.decision().version())
        .decisionRequirementsId(decision.requirements().resourceId())
        .decisionRequirementsKey(Keys.format(decision.requirements().key()))
        .tenantId(evaluation.tenantId())
        .decisionEvaluationKey(Keys.format(evaluation.evaluationKey()))
        .decisionInstanceKey(Keys.format(evaluation.evaluationKey()));
    var evaluatedDecisions = evaluation.result().evaluatedDecisions();
    for (int i = 0; i < evaluatedDecisions.size(); i++) {
      response.addEvaluatedDecisionsItem(evaluated(evaluatedDecisions.get(i), evaluation)
          .decisionEvaluationInstanceKey(evaluation.evaluatedDecisionKey(i)));
    }
    if (evaluation.result() instanceof DecisionEvaluationResult.Failed failed) {
      response.failedDecisionDefinitionId(failed.failedDecisionId()).failureMessage(failed.failureMessage());
    } else {
      response.output(DecisionEvaluations.json(((DecisionEvaluationResult.Evaluated) evaluation.result()).output()));
    }
    return response;
  }

  private EvaluatedDecisionResult evaluated(EvaluatedDecision d, Evaluation evaluation) {
    DecisionEvaluations.Version version = evaluations.versionOf(d, evaluation);
    return new EvaluatedDecisionResult()
        .decisionDefinitionId(d.decisionId())
        .decisionDefinitionName(d.decisionName())
        .decisionDefinitionType(d.decisionType().name())
        .decisionDefinitionVersion(version.version())
        .decisionDefinitionKey(version.key() == null ? null : Keys.format(version.key()))
        .output(DecisionEvaluations.json(d.output()))
        .tenantId(evaluation.tenantId())
        .evaluatedInputs(d.evaluatedInputs().stream().map(i -> new EvaluatedDecisionInputItem()
            .inputId(i.inputId()).inputName(i.inputName()).inputValue(DecisionEvaluations.json(i.inputValue())))
            .toList())
        .matchedRules(d.matchedRules().stream().map(r -> new MatchedDecisionRuleItem()
            .ruleId(r.ruleId()).ruleIndex(r.ruleIndex())
            .evaluatedOutputs(r.evaluatedOutputs().stream().map(o -> new EvaluatedDecisionOutputItem()
                .outputId(o.outputId()).outputName(o.outputName())
                .outputValue(DecisionEvaluations.json(o.outputValue()))).toList()))
            .toList());
  }
}

package io.tandem.engine.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.client.protocol.rest.DecisionEvaluationInstruction;
import io.camunda.client.protocol.rest.EvaluateDecisionResult;
import io.camunda.client.protocol.rest.EvaluatedDecisionInputItem;
import io.camunda.client.protocol.rest.EvaluatedDecisionOutputItem;
import io.camunda.client.protocol.rest.EvaluatedDecisionResult;
import io.camunda.client.protocol.rest.MatchedDecisionRuleItem;
import io.tandem.engine.ConditionalOnEngine;
import io.tandem.engine.dmn.DecisionEvaluationResult;
import io.tandem.engine.dmn.DecisionRepository;
import io.tandem.engine.dmn.DecisionRepository.DeployedDecision;
import io.tandem.engine.dmn.EvaluatedDecision;
import io.tandem.engine.processing.Rejection;
import io.tandem.engine.store.KeyGenerator;
import java.util.Map;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Evaluates a deployed decision directly, with the audit of what matched. */
@ConditionalOnEngine
@RestController
@RequestMapping("/v2/decision-definitions")
class DecisionController {

  private final DecisionRepository decisions;
  private final KeyGenerator keys;
  private final ObjectMapper json = new ObjectMapper().findAndRegisterModules();

  DecisionController(DecisionRepository decisions, io.tandem.engine.store.EngineStores stores) {
    this.decisions = decisions;
    this.keys = stores.keys();
  }

  @PostMapping("/evaluation")
  EvaluateDecisionResult evaluate(@RequestBody DecisionEvaluationInstruction request) {
    String tenant = Keys.tenant(request.getTenantId());
    DeployedDecision decision;
    if (request.getDecisionDefinitionKey() != null) {
      long key = Keys.parse(request.getDecisionDefinitionKey(), "decisionDefinitionKey");
      decision = decisions.byKey(key).orElseThrow(() -> Rejection.notFound("EVALUATE",
          "Expected to evaluate decision with key '%d', but no such decision was found", key));
    } else if (request.getDecisionDefinitionId() != null) {
      decision = decisions.latest(request.getDecisionDefinitionId(), tenant).orElseThrow(() ->
          Rejection.notFound("EVALUATE", DecisionRepository.missing(request.getDecisionDefinitionId())));
    } else {
      throw new EngineProblems.InvalidRequest("Expected either a decision definition id or key, but none given");
    }
    Map<String, Object> variables = request.getVariables() == null ? Map.of() : request.getVariables();
    DecisionEvaluationResult result = decisions.evaluate(decision, variables);
    var response = new EvaluateDecisionResult()
        .decisionDefinitionId(decision.decision().resourceId())
        .decisionDefinitionKey(Keys.format(decision.decision().key()))
        .decisionDefinitionName(decision.decision().name())
        .decisionDefinitionVersion(decision.decision().version())
        .decisionRequirementsId(decision.requirements().resourceId())
        .decisionRequirementsKey(Keys.format(decision.requirements().key()))
        .tenantId(tenant);
    long evaluationKey = keys.nextKey();
    response.decisionEvaluationKey(Keys.format(evaluationKey)).decisionInstanceKey(Keys.format(evaluationKey));
    var evaluatedDecisions = result.evaluatedDecisions();
    for (int i = 0; i < evaluatedDecisions.size(); i++) {
      response.addEvaluatedDecisionsItem(evaluated(evaluatedDecisions.get(i), decision, tenant)
          .decisionEvaluationInstanceKey(evaluationKey + "-" + (i + 1)));
    }
    if (result instanceof DecisionEvaluationResult.Failed failed) {
      response.failedDecisionDefinitionId(failed.failedDecisionId()).failureMessage(failed.failureMessage());
    } else {
      response.output(write(((DecisionEvaluationResult.Evaluated) result).output()));
    }
    return response;
  }

  private EvaluatedDecisionResult evaluated(EvaluatedDecision d, DeployedDecision requested, String tenant) {
    var version = decisions.latest(d.decisionId(), tenant);
    return new EvaluatedDecisionResult()
        .decisionDefinitionId(d.decisionId())
        .decisionDefinitionName(d.decisionName())
        .decisionDefinitionType(d.decisionType().name())
        .decisionDefinitionVersion(version.map(v -> v.decision().version()).orElse(requested.decision().version()))
        .decisionDefinitionKey(version.map(v -> Keys.format(v.decision().key())).orElse(null))
        .output(write(d.output()))
        .tenantId(tenant)
        .evaluatedInputs(d.evaluatedInputs().stream().map(i -> new EvaluatedDecisionInputItem()
            .inputId(i.inputId()).inputName(i.inputName()).inputValue(write(i.inputValue()))).toList())
        .matchedRules(d.matchedRules().stream().map(r -> new MatchedDecisionRuleItem()
            .ruleId(r.ruleId()).ruleIndex(r.ruleIndex())
            .evaluatedOutputs(r.evaluatedOutputs().stream().map(o -> new EvaluatedDecisionOutputItem()
                .outputId(o.outputId()).outputName(o.outputName()).outputValue(write(o.outputValue()))).toList()))
            .toList());
  }

  /** Camunda returns decision values as JSON text. */
  private String write(Object value) {
    try {
      return json.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      return String.valueOf(value);
    }
  }
}

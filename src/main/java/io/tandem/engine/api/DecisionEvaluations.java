package io.tandem.engine.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tandem.engine.ConditionalOnEngine;
import io.tandem.engine.dmn.DecisionEvaluationResult;
import io.tandem.engine.dmn.DecisionRepository;
import io.tandem.engine.dmn.DecisionRepository.DeployedDecision;
import io.tandem.engine.dmn.EvaluatedDecision;
import io.tandem.engine.processing.Rejection;
import io.tandem.engine.store.EngineStores;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Evaluates a deployed decision directly, for REST and gRPC alike, which map the evaluation to their shapes. */
@ConditionalOnEngine
@Component
public final class DecisionEvaluations {

  /** One evaluation; the decisions it passed through are numbered after its key. */
  public record Evaluation(DeployedDecision decision, DecisionEvaluationResult result, long evaluationKey,
      String tenantId) {

    public String evaluatedDecisionKey(int index) {
      return evaluationKey + "-" + (index + 1);
    }
  }

  /** The deployed version of a decision that an evaluation passed through; the key is null if none is deployed. */
  public record Version(int version, Long key) {}

  private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();
  private final DecisionRepository decisions;
  private final EngineStores stores;

  public DecisionEvaluations(DecisionRepository decisions, EngineStores stores) {
    this.decisions = decisions;
    this.stores = stores;
  }

  /** Evaluates the decision with the key, or else the latest with the id; rejected when neither is found. */
  public Evaluation evaluate(Long decisionKey, String decisionId, String tenantId, Map<String, Object> variables) {
    String tenant = Keys.tenant(tenantId);
    DeployedDecision decision;
    if (decisionKey != null) {
      decision = decisions.byKey(decisionKey).orElseThrow(() -> Rejection.notFound("EVALUATE",
          "Expected to evaluate decision with key '%d', but no such decision was found", decisionKey));
    } else if (decisionId != null && !decisionId.isBlank()) {
      decision = decisions.latest(decisionId, tenant).orElseThrow(() ->
          Rejection.notFound("EVALUATE", DecisionRepository.missing(decisionId)));
    } else {
      throw new InvalidRequest("Expected either a decision definition id or key, but none given");
    }
    DecisionEvaluationResult result = decisions.evaluate(decision, variables == null ? Map.of() : variables);
    return new Evaluation(decision, result, stores.keys().nextKey(), tenant);
  }

  public Version versionOf(EvaluatedDecision evaluated, Evaluation evaluation) {
    return decisions.latest(evaluated.decisionId(), evaluation.tenantId())
        .map(v -> new Version(v.decision().version(), v.decision().key()))
        .orElse(new Version(evaluation.decision().decision().version(), null));
  }

  /** Camunda gives decision values as JSON text. */
  public static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      return String.valueOf(value);
    }
  }
}

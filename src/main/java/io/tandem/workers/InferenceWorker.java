package io.tandem.workers;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.exception.CamundaError;
import io.tandem.audit.AuditEventType;
import io.tandem.audit.AuditLog;
import io.tandem.cases.CaseRepository;
import io.tandem.cases.ReviewCase;
import io.tandem.flows.FlowDefinition;
import io.tandem.flows.FlowProperties;
import io.tandem.models.ModelAdapter;
import io.tandem.models.ModelInput;
import io.tandem.models.ModelUnavailableException;
import io.tandem.models.Prediction;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Asks the flow's model for its answer and confidence. A model that stays unavailable is not a
 * lost case: on the last retry the worker throws the BPMN error INFERENCE_FAILED, which the
 * process routes to a person.
 */
@Component
// public: the Camunda starter invokes job worker methods reflectively
public class InferenceWorker {

  static final String INFERENCE_FAILED = "INFERENCE_FAILED";

  private final CaseRepository cases;
  private final FlowProperties flows;
  private final Map<String, ModelAdapter> models;
  private final AuditLog audit;
  private final Clock clock;

  InferenceWorker(CaseRepository cases, FlowProperties flows, List<ModelAdapter> models,
      AuditLog audit, Clock clock) {
    this.cases = cases;
    this.flows = flows;
    this.models = models.stream().collect(Collectors.toMap(ModelAdapter::modelId, Function.identity()));
    this.audit = audit;
    this.clock = clock;
  }

  @JobWorker(type = "tandem.infer", fetchVariables = {"caseId", "riskClass"}, autoComplete = true)
  @Transactional
  public Map<String, Object> infer(ActivatedJob job, @Variable String caseId,
      @Variable(optional = true) String riskClass) {
    ReviewCase c = cases.find(UUID.fromString(caseId)).orElseThrow();
    FlowDefinition flow = flows.flow(c.flow()).orElseThrow();
    ModelAdapter model = models.get(flow.model());
    Prediction prediction;
    try {
      if (model == null) {
        throw new ModelUnavailableException(flow.model(), "no model adapter '%s' is configured".formatted(flow.model()));
      }
      prediction = model.predict(ModelInput.of(c.text(), flow.labels()));
    } catch (ModelUnavailableException e) {
      if (job.getRetries() <= 1) {
        throw CamundaError.bpmnError(INFERENCE_FAILED, e.getMessage());
      }
      throw CamundaError.jobError(e.getMessage(), null, job.getRetries() - 1, Duration.ofSeconds(5));
    }
    boolean first = c.prediction() == null;
    cases.inferred(c.id(), prediction.label(), prediction.confidence(), prediction.modelId(),
        prediction.modelVersion(), clock.instant());
    Map<String, Object> inferred = new LinkedHashMap<>();
    inferred.put("modelId", prediction.modelId());
    inferred.put("modelVersion", prediction.modelVersion());
    inferred.put("prediction", prediction.label());
    inferred.put("confidence", prediction.confidence());
    inferred.put("confidenceSource", prediction.confidenceSource().name());
    inferred.put("probabilities", prediction.probabilities());
    if (first) {
      audit.append(caseId, AuditEventType.INFERRED, prediction.modelId(), inferred);
    }

    Map<String, Object> variables = new LinkedHashMap<>(inferred);
    variables.put("auditDraw", ThreadLocalRandom.current().nextDouble());
    variables.put("reviewPriority", ReviewPriority.of(prediction.confidence(), riskClass));
    return variables;
  }
}

package io.tandem.engine.dmn;

import io.tandem.engine.expression.Result;
import io.tandem.engine.processing.DecisionEvaluator;
import io.tandem.engine.processing.DeploymentCommands;
import io.tandem.engine.processing.DeploymentCommands.DeployedResource;
import io.tandem.engine.processing.DeploymentCommands.Resource;
import io.tandem.engine.store.KeyGenerator;
import io.tandem.engine.store.ResourceStore;
import io.tandem.engine.store.ResourceStore.ResourceRow;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Deployed DMN: decision requirements graphs and their decisions, versioned like processes, parsed
 * once per version and cached; evaluates the latest version of a decision.
 */
public final class DecisionRepository implements DecisionEvaluator, DeploymentCommands.ResourceDeployer {

  public static final String DRG = "DECISION_REQUIREMENTS";
  public static final String DECISION = "DECISION";

  /** A decision version with its graph, ready to evaluate. */
  public record DeployedDecision(ResourceRow decision, ResourceRow requirements, ParsedDecisionResource parsed) {}

  private final DecisionService decisions = new DecisionService();
  private final ResourceStore resources;
  private final KeyGenerator keys;
  private final Map<Long, ParsedDecisionResource> parsedByKey = new ConcurrentHashMap<>();

  public DecisionRepository(ResourceStore resources, KeyGenerator keys) {
    this.resources = resources;
    this.keys = keys;
  }

  @Override
  public boolean accepts(String resourceName) {
    return resourceName.endsWith(".dmn");
  }

  @Override
  public List<String> validate(Resource resource) {
    DecisionParseResult result = decisions.parse(resource.name(), resource.content());
    if (result instanceof DecisionParseResult.Failure failure) {
      return List.of(failure.reason());
    }
    return ((ParsedDecisionResource) result).decisions().isEmpty()
        ? List.of("Expected the DMN resource to contain at least one decision, but none found") : List.of();
  }

  @Override
  public List<DeployedResource> deploy(Resource resource, long deploymentKey, String tenantId) {
    ParsedDecisionResource parsed = (ParsedDecisionResource) decisions.parse(resource.name(), resource.content());
    String checksum = DeploymentCommands.checksum(resource.content());
    List<DeployedResource> deployed = new ArrayList<>();
    Optional<ResourceRow> latestDrg = resources.latest(DRG, parsed.decisionRequirementsId(), tenantId);
    if (latestDrg.isPresent() && latestDrg.get().checksum().equals(checksum)) {
      ResourceRow drg = latestDrg.get();
      deployed.add(describe(drg, null));
      for (var decision : parsed.decisions()) {
        resources.latest(DECISION, decision.decisionId(), tenantId).ifPresent(d -> deployed.add(describe(d, drg)));
      }
      return deployed;
    }
    long drgKey = keys.nextKey();
    ResourceRow drg = new ResourceRow(drgKey, deploymentKey, DRG, parsed.decisionRequirementsId(),
        parsed.decisionRequirementsName(), latestDrg.map(r -> r.version() + 1).orElse(1), null,
        resource.name(), checksum, resource.content(), null, tenantId);
    resources.insert(drg);
    deployed.add(describe(drg, null));
    for (var decision : parsed.decisions()) {
      int version = resources.latest(DECISION, decision.decisionId(), tenantId).map(r -> r.version() + 1).orElse(1);
      ResourceRow row = new ResourceRow(keys.nextKey(), deploymentKey, DECISION, decision.decisionId(),
          decision.decisionName(), version, null, resource.name(), checksum, new byte[0], drgKey, tenantId);
      resources.insert(row);
      deployed.add(describe(row, drg));
    }
    return deployed;
  }

  private static DeployedResource describe(ResourceRow row, ResourceRow drg) {
    return new DeployedResource(row.kind(), row.resourceId(), row.name(), row.version(), row.key(),
        row.resourceName(), row.tenantId(), drg == null ? null : drg.key(), drg == null ? null : drg.resourceId());
  }

  public Optional<DeployedDecision> latest(String decisionId, String tenantId) {
    return resources.latest(DECISION, decisionId, tenantId).flatMap(this::withGraph);
  }

  public Optional<DeployedDecision> byKey(long decisionKey) {
    return resources.find(decisionKey).filter(r -> r.kind().equals(DECISION)).flatMap(this::withGraph);
  }

  private Optional<DeployedDecision> withGraph(ResourceRow decision) {
    return resources.find(decision.parentKey()).map(drg -> new DeployedDecision(decision, drg,
        parsedByKey.computeIfAbsent(drg.key(), k ->
            (ParsedDecisionResource) decisions.parse(drg.resourceName(), drg.content()))));
  }

  public DecisionEvaluationResult evaluate(DeployedDecision decision, Map<String, Object> variables) {
    return decisions.evaluate(decision.parsed(), decision.decision().resourceId(), variables);
  }

  @Override
  public Result<Object> evaluateLatest(String decisionId, String tenantId, Map<String, Object> variables) {
    Optional<DeployedDecision> decision = latest(decisionId, tenantId);
    if (decision.isEmpty()) {
      return Result.fail(missing(decisionId));
    }
    DecisionEvaluationResult result = evaluate(decision.get(), variables);
    if (result instanceof DecisionEvaluationResult.Failed failed) {
      return Result.fail("Expected to evaluate decision '%s', but %s".formatted(decisionId, failed.failureMessage()));
    }
    return Result.ok(((DecisionEvaluationResult.Evaluated) result).output());
  }

  public static String missing(String decisionId) {
    return "Expected to evaluate decision '%s', but no decision found for id '%s'".formatted(decisionId, decisionId);
  }
}

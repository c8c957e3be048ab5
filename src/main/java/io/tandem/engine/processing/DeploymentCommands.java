package io.tandem.engine.processing;

import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.tandem.engine.clock.EngineClock;
import io.tandem.engine.model.ModelProblem;
import io.tandem.engine.model.ProcessCompiler;
import io.tandem.engine.store.KeyGenerator;
import io.tandem.engine.store.ResourceStore;
import io.tandem.engine.store.ResourceStore.ResourceRow;
import java.io.ByteArrayInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Deploys resources all or nothing: every resource is checked first; a process whose resource is
 * unchanged since its latest version keeps that version, as Camunda does.
 */
public final class DeploymentCommands {

  public record Resource(String name, byte[] content) {}

  public record DeployedResource(String kind, String resourceId, String name, int version,
      long key, String resourceName, String tenantId, Long parentKey, String parentId) {}

  public record Deployment(long key, String tenantId, List<DeployedResource> resources) {}

  /** Deploys the non-BPMN kinds (DMN, forms); null when the resource isn't one of them. */
  public interface ResourceDeployer {
    boolean accepts(String resourceName);

    /** Checks a resource; problems come back as messages. */
    List<String> validate(Resource resource);

    List<DeployedResource> deploy(Resource resource, long deploymentKey, String tenantId);
  }

  private final InstanceTransactions transactions;
  private final ResourceStore resources;
  private final ProcessCompiler compiler;
  private final KeyGenerator keys;
  private final EngineClock clock;
  private final List<ResourceDeployer> deployers;

  public DeploymentCommands(InstanceTransactions transactions, ResourceStore resources,
      ProcessCompiler compiler, KeyGenerator keys, EngineClock clock, List<ResourceDeployer> deployers) {
    this.transactions = transactions;
    this.resources = resources;
    this.compiler = compiler;
    this.keys = keys;
    this.clock = clock;
    this.deployers = deployers;
  }

  public Deployment deploy(List<Resource> toDeploy, String tenantId) {
    if (toDeploy.isEmpty()) {
      throw Rejection.invalidArgument("CREATE", "Expected to deploy at least one resource, but none given");
    }
    List<String> errors = new ArrayList<>();
    List<BpmnModelInstance> models = new ArrayList<>();
    for (Resource resource : toDeploy) {
      models.add(null);
      if (isBpmn(resource.name())) {
        checkBpmn(resource, errors).ifPresent(model -> models.set(models.size() - 1, model));
      } else {
        Optional<ResourceDeployer> deployer = deployerFor(resource.name());
        if (deployer.isEmpty()) {
          errors.add("'%s': unsupported resource type; expected .bpmn, .dmn or .form".formatted(resource.name()));
        } else {
          deployer.get().validate(resource).forEach(e -> errors.add("'%s': %s".formatted(resource.name(), e)));
        }
      }
    }
    if (!errors.isEmpty()) {
      throw Rejection.invalidArgument("CREATE",
          "Expected to deploy new resources, but encountered the following errors:\n%s", String.join("\n", errors));
    }
    return transactions.inTransaction(() -> {
      resources.lockForDeployment();
      long deploymentKey = keys.nextKey();
      resources.insertDeployment(deploymentKey, tenantId, clock.now());
      List<DeployedResource> deployed = new ArrayList<>();
      for (int i = 0; i < toDeploy.size(); i++) {
        Resource resource = toDeploy.get(i);
        if (models.get(i) != null) {
          deployed.addAll(deployProcesses(resource, models.get(i), deploymentKey, tenantId));
        } else {
          deployed.addAll(deployerFor(resource.name()).orElseThrow().deploy(resource, deploymentKey, tenantId));
        }
      }
      resources.recordDeployed(deploymentKey, deployed.stream().map(DeployedResource::key).toList());
      return new Deployment(deploymentKey, tenantId, deployed);
    });
  }

  private Optional<BpmnModelInstance> checkBpmn(Resource resource, List<String> errors) {
    BpmnModelInstance model;
    try {
      model = Bpmn.readModelFromStream(new ByteArrayInputStream(resource.content()));
    } catch (RuntimeException e) {
      errors.add("'%s': not a readable BPMN file: %s".formatted(resource.name(), rootMessage(e)));
      return Optional.empty();
    }
    List<ModelProblem> problems = compiler.compile(model).problems();
    if (problems.isEmpty()) {
      return Optional.of(model);
    }
    // Camunda's layout: "'a.bpmn': - Element: task\n    - ERROR: reason\n- Element: ..."
    StringBuilder message = new StringBuilder("'%s': ".formatted(resource.name()));
    for (ModelProblem problem : problems) {
      message.append("- Element: ").append(problem.elementId())
          .append("\n    - ERROR: ").append(problem.message()).append('\n');
    }
    errors.add(message.toString().stripTrailing());
    return Optional.empty();
  }

  private List<DeployedResource> deployProcesses(Resource resource, BpmnModelInstance model,
      long deploymentKey, String tenantId) {
    String checksum = checksum(resource.content());
    List<DeployedResource> deployed = new ArrayList<>();
    for (var process : compiler.compile(model).processes()) {
      Optional<ResourceRow> latest = resources.latest(ProcessRepository.PROCESS, process.bpmnProcessId(), tenantId);
      if (latest.isPresent() && latest.get().checksum().equals(checksum)
          && latest.get().resourceName().equals(resource.name())) {
        ResourceRow same = latest.get();
        deployed.add(new DeployedResource(ProcessRepository.PROCESS, same.resourceId(), same.name(),
            same.version(), same.key(), same.resourceName(), tenantId, null, null));
        continue;
      }
      int version = latest.map(r -> r.version() + 1).orElse(1);
      long key = keys.nextKey();
      resources.insert(new ResourceRow(key, deploymentKey, ProcessRepository.PROCESS,
          process.bpmnProcessId(), process.name(), version, process.versionTag(), resource.name(),
          checksum, resource.content(), null, tenantId));
      if (process.root().noneStartEvent() != null && process.root().noneStartEvent().form() != null) {
        resources.markHasStartForm(key);
      }
      deployed.add(new DeployedResource(ProcessRepository.PROCESS, process.bpmnProcessId(),
          process.name(), version, key, resource.name(), tenantId, null, null));
    }
    return deployed;
  }

  private Optional<ResourceDeployer> deployerFor(String name) {
    return deployers.stream().filter(d -> d.accepts(name)).findFirst();
  }

  private static boolean isBpmn(String name) {
    return name.endsWith(".bpmn") || name.endsWith(".xml");
  }

  public static String checksum(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String rootMessage(Throwable e) {
    while (e.getCause() != null) {
      e = e.getCause();
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

}

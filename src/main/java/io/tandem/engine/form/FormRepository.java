package io.tandem.engine.form;

import com.fasterxml.jackson.databind.JsonNode;
import io.tandem.engine.expression.Result;
import io.tandem.engine.model.FormReference;
import io.tandem.engine.processing.DeploymentCommands;
import io.tandem.engine.processing.DeploymentCommands.DeployedResource;
import io.tandem.engine.processing.DeploymentCommands.Resource;
import io.tandem.engine.processing.FormResolver;
import io.tandem.engine.store.Json;
import io.tandem.engine.store.KeyGenerator;
import io.tandem.engine.store.ResourceStore;
import io.tandem.engine.store.ResourceStore.ResourceRow;
import java.util.List;
import java.util.Optional;

/**
 * Deployed Camunda Forms ({@code .form}, JSON whose {@code id} is the form id), versioned like
 * processes: an unchanged form keeps its version. Resolves the linked forms of user tasks and
 * start events by their binding (latest, same deployment, version tag).
 */
public final class FormRepository implements DeploymentCommands.ResourceDeployer, FormResolver {

  public static final String FORM = "FORM";

  private final ResourceStore resources;
  private final KeyGenerator keys;

  public FormRepository(ResourceStore resources, KeyGenerator keys) {
    this.resources = resources;
    this.keys = keys;
  }

  @Override
  public boolean accepts(String resourceName) {
    return resourceName.endsWith(".form");
  }

  @Override
  public List<String> validate(Resource resource) {
    JsonNode form;
    try {
      form = Json.MAPPER.readTree(resource.content());
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      return List.of("Expected a form in JSON, but it is not readable: " + e.getOriginalMessage());
    } catch (java.io.IOException e) {
      return List.of("Expected a form in JSON, but it is not readable: " + e.getMessage());
    }
    if (form == null || !form.isObject()) {
      return List.of("Expected a form in JSON (an object), but it is not one");
    }
    JsonNode id = form.get("id");
    if (id == null || !id.isTextual() || id.asText().isBlank()) {
      return List.of("Expected the form to have an 'id', but it has none");
    }
    return List.of();
  }

  @Override
  public List<DeployedResource> deploy(Resource resource, long deploymentKey, String tenantId) {
    JsonNode form = parse(resource.content());
    String formId = form.get("id").asText();
    JsonNode tag = form.get("versionTag");
    String versionTag = tag != null && tag.isTextual() && !tag.asText().isBlank() ? tag.asText() : null;
    String checksum = DeploymentCommands.checksum(resource.content());
    Optional<ResourceRow> latest = resources.latest(FORM, formId, tenantId);
    if (latest.isPresent() && latest.get().checksum().equals(checksum)
        && latest.get().resourceName().equals(resource.name())) {
      return List.of(describe(latest.get()));
    }
    ResourceRow row = new ResourceRow(keys.nextKey(), deploymentKey, FORM, formId, formId,
        latest.map(r -> r.version() + 1).orElse(1), versionTag, resource.name(), checksum,
        resource.content(), null, tenantId);
    resources.insert(row);
    return List.of(describe(row));
  }

  @Override
  public Result<Long> resolve(FormReference form, long processDefinitionKey, String tenantId) {
    return switch (form.binding()) {
      case LATEST -> resources.latest(FORM, form.formId(), tenantId).map(r -> Result.ok(r.key()))
          .orElseGet(() -> Result.fail(("Expected to find a form with id '%s', but no such form is"
              + " deployed. Deploy the form, then resolve the incident.").formatted(form.formId())));
      case VERSION_TAG -> resources.latestTagged(FORM, form.formId(), form.versionTag(), tenantId)
          .map(r -> Result.ok(r.key()))
          .orElseGet(() -> Result.fail(("Expected to find a form with id '%s' and version tag '%s', but"
              + " no such form is deployed. Deploy the form, then resolve the incident.")
              .formatted(form.formId(), form.versionTag())));
      case DEPLOYMENT -> {
        long deploymentKey = resources.find(processDefinitionKey).orElseThrow().deploymentKey();
        yield resources.inDeployment(FORM, form.formId(), deploymentKey).map(r -> Result.ok(r.key()))
            .orElseGet(() -> Result.fail(("Expected to find a form with id '%s' in the deployment with"
                + " key '%d' that brought the process, but it was not deployed with it.")
                .formatted(form.formId(), deploymentKey)));
      }
    };
  }

  /** A deployed form version by its key. */
  public Optional<ResourceRow> byKey(long formKey) {
    return resources.find(formKey).filter(r -> r.kind().equals(FORM));
  }

  private static JsonNode parse(byte[] content) {
    try {
      return Json.MAPPER.readTree(content);
    } catch (java.io.IOException e) {
      throw new IllegalStateException("form was validated before deployment", e);
    }
  }

  private static DeployedResource describe(ResourceRow row) {
    return new DeployedResource(FORM, row.resourceId(), row.name(), row.version(), row.key(),
        row.resourceName(), row.tenantId(), null, null);
  }
}

package io.tandem.engine.api;

import io.tandem.engine.ConditionalOnEngine;

import io.camunda.client.protocol.rest.DeploymentDecisionRequirementsResult;
import io.camunda.client.protocol.rest.DeploymentDecisionResult;
import io.camunda.client.protocol.rest.DeploymentFormResult;
import io.camunda.client.protocol.rest.DeploymentMetadataResult;
import io.camunda.client.protocol.rest.DeploymentProcessResult;
import io.camunda.client.protocol.rest.DeploymentResult;
import io.tandem.engine.processing.DeploymentCommands.DeployedResource;
import io.tandem.engine.processing.DeploymentCommands.Deployment;
import io.tandem.engine.processing.DeploymentCommands.Resource;
import io.tandem.engine.processing.Engine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

@ConditionalOnEngine
@RestController
@RequestMapping("/v2/deployments")
class DeploymentController {

  private final Engine engine;

  DeploymentController(Engine engine) {
    this.engine = engine;
  }

  @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  DeploymentResult deploy(@RequestParam("resources") List<MultipartFile> files,
      @RequestParam(name = "tenantId", required = false) String tenantId) {
    List<Resource> resources = files.stream().map(DeploymentController::resource).toList();
    Deployment deployment = engine.deployments().deploy(resources, Keys.tenant(tenantId));
    return new DeploymentResult()
        .deploymentKey(Keys.format(deployment.key()))
        .tenantId(deployment.tenantId())
        .deployments(deployment.resources().stream().map(DeploymentController::metadata).toList());
  }

  private static Resource resource(MultipartFile file) {
    try {
      String name = file.getOriginalFilename() == null ? file.getName() : file.getOriginalFilename();
      return new Resource(name, file.getBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static DeploymentMetadataResult metadata(DeployedResource r) {
    var metadata = new DeploymentMetadataResult();
    switch (r.kind()) {
      case "PROCESS" -> metadata.processDefinition(new DeploymentProcessResult()
          .processDefinitionId(r.resourceId()).processDefinitionVersion(r.version())
          .processDefinitionKey(Keys.format(r.key())).resourceName(r.resourceName())
          .tenantId(r.tenantId()));
      case "DECISION" -> metadata.decisionDefinition(new DeploymentDecisionResult()
          .decisionDefinitionId(r.resourceId()).version(r.version()).name(r.name())
          .decisionDefinitionKey(Keys.format(r.key())).tenantId(r.tenantId())
          .decisionRequirementsId(r.parentId())
          .decisionRequirementsKey(r.parentKey() == null ? null : Keys.format(r.parentKey())));
      case "DECISION_REQUIREMENTS" -> metadata.decisionRequirements(new DeploymentDecisionRequirementsResult()
          .decisionRequirementsId(r.resourceId()).version(r.version())
          .decisionRequirementsName(r.name()).decisionRequirementsKey(Keys.format(r.key()))
          .resourceName(r.resourceName()).tenantId(r.tenantId()));
      case "FORM" -> metadata.form(new DeploymentFormResult()
          .formId(r.resourceId()).version(r.version()).formKey(Keys.format(r.key()))
          .resourceName(r.resourceName()).tenantId(r.tenantId()));
      default -> throw new IllegalStateException("unknown resource kind " + r.kind());
    }
    return metadata;
  }
}

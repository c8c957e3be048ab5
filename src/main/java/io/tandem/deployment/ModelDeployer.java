package io.tandem.deployment;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.DeployResourceCommandStep1.DeployResourceCommandStep2;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Deploys the process models, decisions and forms at start-up, through the Camunda client, so
 * they land on whichever engine answers. Reads {@code bpmn/} and {@code forms/} from the working
 * directory when present (what analysts edit), else the copies packaged in the jar. Unchanged
 * resources keep their versions.
 *
 * <p>Health component {@code models}: out of service until the models are deployed (cases need
 * them), down with the reason while deploying fails; a failed deployment is retried.
 */
@Component("models")
class ModelDeployer implements HealthIndicator {

  private static final Logger LOG = LoggerFactory.getLogger(ModelDeployer.class);
  private static final List<String> EXTENSIONS = List.of(".bpmn", ".dmn", ".form");

  private final CamundaClient camunda;
  private final List<Path> directories;
  private final boolean enabled;
  private volatile Health health;

  ModelDeployer(CamundaClient camunda,
      @Value("${tandem.deployment.directories:bpmn,forms}") List<Path> directories,
      @Value("${tandem.deployment.enabled:true}") boolean enabled) {
    this.camunda = camunda;
    this.directories = directories;
    this.enabled = enabled;
    this.health = enabled ? Health.outOfService().withDetail("deployment", "pending").build()
        : Health.up().withDetail("deployment", "disabled").build();
  }

  @Override
  public Health health() {
    return health;
  }

  @EventListener(ApplicationReadyEvent.class)
  void deployAtStartup() {
    if (enabled) {
      deploy();
    }
  }

  /** Tries again while the start-up deployment has not succeeded (e.g. a cluster still starting). */
  @Scheduled(fixedDelayString = "${tandem.deployment.retry-interval:PT10S}", initialDelayString = "${tandem.deployment.retry-interval:PT10S}")
  void retryUntilDeployed() {
    if (enabled && !Status.UP.equals(health.getStatus())) {
      deploy();
    }
  }

  record ModelFile(String name, byte[] content) {}

  /** Deploys every model file in one deployment; all or nothing. */
  public List<String> deploy() {
    List<ModelFile> files = modelFiles();
    if (files.isEmpty()) {
      LOG.warn("No process models, decisions or forms found in {} or on the classpath", directories);
      health = Health.up().withDetail("deployment", "no model files").build();
      return List.of();
    }
    DeployResourceCommandStep2 command = null;
    for (ModelFile file : files) {
      command = command == null
          ? camunda.newDeployResourceCommand().addResourceBytes(file.content(), file.name())
          : command.addResourceBytes(file.content(), file.name());
    }
    try {
      var deployment = command.send().join();
      LOG.info("Deployed {} model files (deployment {}): {} processes, {} decisions, {} forms",
          files.size(), deployment.getKey(), deployment.getProcesses().size(),
          deployment.getDecisions().size(), deployment.getForm().size());
      List<String> names = files.stream().map(ModelFile::name).toList();
      health = Health.up().withDetail("deployment", deployment.getKey()).withDetail("files", names).build();
      return names;
    } catch (RuntimeException e) {
      LOG.error("Could not deploy the model files {}: {}", files.stream().map(ModelFile::name).toList(), e.getMessage());
      health = Health.down().withDetail("deployment", "failed").withDetail("error", String.valueOf(e.getMessage())).build();
      return List.of();
    }
  }

  private List<ModelFile> modelFiles() {
    List<ModelFile> files = new ArrayList<>();
    for (Path directory : directories) {
      if (Files.isDirectory(directory)) {
        try (Stream<Path> paths = Files.list(directory)) {
          paths.filter(p -> EXTENSIONS.stream().anyMatch(p.toString()::endsWith)).sorted()
              .forEach(p -> files.add(new ModelFile(p.getFileName().toString(), read(p))));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
    return files.isEmpty() ? packaged() : files;
  }

  private static List<ModelFile> packaged() {
    List<ModelFile> files = new ArrayList<>();
    try {
      for (Resource resource : new PathMatchingResourcePatternResolver().getResources("classpath*:models/*")) {
        String name = resource.getFilename();
        if (name != null && EXTENSIONS.stream().anyMatch(name::endsWith)) {
          files.add(new ModelFile(name, resource.getContentAsByteArray()));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return files;
  }

  private static byte[] read(Path path) {
    try {
      return Files.readAllBytes(path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

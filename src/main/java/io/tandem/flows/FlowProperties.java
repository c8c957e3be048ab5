package io.tandem.flows;

import java.util.Map;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** The configured review flows by name ({@code tandem.flows.<name>.*}). */
@ConfigurationProperties("tandem")
public record FlowProperties(Map<String, FlowDefinition> flows) {

  public FlowProperties {
    flows = flows == null ? Map.of() : Map.copyOf(flows);
  }

  public Optional<FlowDefinition> flow(String name) {
    return Optional.ofNullable(name).map(flows::get);
  }
}

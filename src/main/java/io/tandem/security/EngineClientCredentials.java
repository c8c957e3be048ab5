package io.tandem.security;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * The app's own Camunda client signs in to the embedded engine like any other client: with HTTP Basic as the
 * service user {@code tandem.security.engine-client.username}, whose password is generated afresh on each start
 * unless configured. Only when the embedded engine answers and no {@code camunda.client.auth.method} is set:
 * against a Camunda 8 cluster the client's own auth settings (basic or OIDC) apply.
 */
public class EngineClientCredentials implements EnvironmentPostProcessor, Ordered {

  static final String SOURCE = "tandemEngineClientCredentials";

  @Override
  public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
    if (!environment.getProperty("tandem.engine.enabled", Boolean.class, true)
        || environment.containsProperty("camunda.client.auth.method")) {
      return;
    }
    Map<String, Object> properties = new LinkedHashMap<>();
    if (!environment.containsProperty("tandem.security.engine-client.password")) {
      byte[] secret = new byte[32];
      new SecureRandom().nextBytes(secret);
      properties.put("tandem.security.engine-client.password", HexFormat.of().formatHex(secret));
    }
    properties.put("camunda.client.auth.method", "basic");
    properties.put("camunda.client.auth.username", "${tandem.security.engine-client.username:tandem-engine-client}");
    properties.put("camunda.client.auth.password", "${tandem.security.engine-client.password}");
    environment.getPropertySources().addLast(new MapPropertySource(SOURCE, properties));
  }

  /** After the application's own files are read, so their settings are seen; before Camunda's client reads them. */
  @Override
  public int getOrder() {
    return ConfigDataEnvironmentPostProcessor.ORDER + 1;
  }
}

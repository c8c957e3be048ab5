package io.tandem.security;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code tandem.security.*}: who may sign in on the embedded default, and how the engine's own client signs in.
 *
 * @param users people and services from configuration, by user name
 * @param adminPasswordFile where the first-start {@code admin} password is kept when no user is configured
 * @param engineClient the service user the app's own Camunda client signs in as
 */
@ConfigurationProperties("tandem.security")
public record SecurityProperties(
    Map<String, ConfiguredUser> users,
    Path adminPasswordFile,
    @DefaultValue EngineClient engineClient) {

  public SecurityProperties {
    users = users == null ? Map.of() : Map.copyOf(users);
  }

  /**
   * @param password a {@code DelegatingPasswordEncoder} value, e.g. {@code {bcrypt}$2a$10$...}
   * @param roles see {@link Role}
   * @param groups candidate groups of review tasks
   */
  public record ConfiguredUser(String password, List<Role> roles, List<String> groups) {
    public ConfiguredUser {
      roles = roles == null ? List.of() : List.copyOf(roles);
      groups = groups == null ? List.of() : List.copyOf(groups);
    }
  }

  /**
   * @param username the service user's name
   * @param password its secret; {@link EngineClientCredentials} generates one per start unless it is set
   */
  public record EngineClient(@DefaultValue("tandem-engine-client") String username, String password) {}
}

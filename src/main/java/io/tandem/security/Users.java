package io.tandem.security;

import io.tandem.security.SecurityProperties.ConfiguredUser;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

/** The people (and services) who sign in with a password on the embedded default: from configuration. */
final class Users {

  private Users() {}

  static InMemoryUserDetailsManager from(SecurityProperties properties, PasswordEncoder encoder) {
    Map<String, ConfiguredUser> configured = properties.users();
    if (configured.containsKey(properties.engineClient().username())) {
      throw new IllegalStateException("tandem.security.users." + properties.engineClient().username()
          + " is the engine client's name (tandem.security.engine-client.username): choose another");
    }
    List<UserDetails> users = new ArrayList<>();
    if (configured.isEmpty()) {
      users.add(User.withUsername(FirstStartAdmin.USERNAME)
          .password(encoder.encode(FirstStartAdmin.password(properties.adminPasswordFile())))
          .authorities(authorities(List.of(Role.ADMIN), List.of())).build());
    }
    configured.forEach((name, user) -> {
      if (user.password() == null || user.password().isBlank()) {
        throw new IllegalStateException("tandem.security.users." + name + ".password is not set");
      }
      users.add(User.withUsername(name).password(user.password())
          .authorities(authorities(user.roles(), user.groups())).build());
    });
    return new InMemoryUserDetailsManager(users);
  }

  static List<GrantedAuthority> authorities(Collection<Role> roles, Collection<String> groups) {
    List<GrantedAuthority> authorities = new ArrayList<>();
    roles.forEach(role -> authorities.add(new SimpleGrantedAuthority(role.authority())));
    groups.forEach(group -> authorities.add(new SimpleGrantedAuthority(Role.GROUP_PREFIX + group)));
    return authorities;
  }
}

package io.tandem.security;

import java.util.Set;
import java.util.TreeSet;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Who is asking: the signed-in principal's name, roles (without {@code ROLE_}) and groups (without {@code GROUP_}).
 * Controllers take it as a method argument ({@link CurrentUserArgumentResolver}); templates reach the same
 * facts through Thymeleaf's {@code #authentication} / {@code sec:authorize}.
 */
public record CurrentUser(String name, Set<String> roles, Set<String> groups) {

  public CurrentUser {
    roles = Set.copyOf(roles);
    groups = Set.copyOf(groups);
  }

  public static CurrentUser from(Authentication authentication) {
    Set<String> roles = new TreeSet<>();
    Set<String> groups = new TreeSet<>();
    for (GrantedAuthority granted : authentication.getAuthorities()) {
      String authority = granted.getAuthority();
      if (authority == null) {
        continue;
      }
      if (authority.startsWith(Role.ROLE_PREFIX)) {
        roles.add(authority.substring(Role.ROLE_PREFIX.length()));
      } else if (authority.startsWith(Role.GROUP_PREFIX)) {
        groups.add(authority.substring(Role.GROUP_PREFIX.length()));
      }
    }
    return new CurrentUser(authentication.getName(), roles, groups);
  }

  /** The principal of the current request; fails when there is none (every request has one). */
  public static CurrentUser current() {
    Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
    if (authentication == null || !authentication.isAuthenticated()) {
      throw new IllegalStateException("no signed-in principal");
    }
    return from(authentication);
  }

  public boolean hasRole(Role role) {
    return roles.contains(role.name());
  }

  public boolean inGroup(String group) {
    return groups.contains(group);
  }
}

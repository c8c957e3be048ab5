package io.tandem.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

class FirstStartAdminTest {

  @TempDir Path dataDir;
  private final PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();

  @Test
  void shouldCreateAnAdminWithARandomPasswordInAnOwnerOnlyFileWhenNoUserIsConfigured() throws Exception {
    // given
    Path file = dataDir.resolve("admin.password");
    SecurityProperties properties = properties(Map.of(), file);

    // when
    UserDetails admin = Users.from(properties, encoder).loadUserByUsername("admin");

    // then
    String password = Files.readString(file).strip();
    assertThat(password).hasSizeGreaterThanOrEqualTo(20);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    assertThat(encoder.matches(password, admin.getPassword())).isTrue();
    assertThat(admin.getAuthorities()).extracting(Object::toString).containsExactly("ROLE_ADMIN");
  }

  @Test
  void shouldReuseThePasswordOnLaterStarts() {
    // given
    Path file = dataDir.resolve("admin.password");
    String first = FirstStartAdmin.password(file);

    // when
    String second = FirstStartAdmin.password(file);

    // then
    assertThat(second).isEqualTo(first);
    assertThat(FirstStartAdmin.password(dataDir.resolve("other.password"))).isNotEqualTo(first);
  }

  @Test
  void shouldCreateNoAdminWhenUsersAreConfigured() {
    // given
    Path file = dataDir.resolve("admin.password");
    SecurityProperties properties = properties(Map.of("cora", new SecurityProperties.ConfiguredUser(
        encoder.encode("demo"), List.of(Role.CASE_WORKER), List.of("reviewers"))), file);

    // when
    var users = Users.from(properties, encoder);

    // then
    assertThat(users.userExists("admin")).isFalse();
    assertThat(file).doesNotExist();
    assertThat(users.loadUserByUsername("cora").getAuthorities()).extracting(Object::toString)
        .containsExactlyInAnyOrder("ROLE_CASE_WORKER", "GROUP_reviewers");
  }

  private static SecurityProperties properties(Map<String, SecurityProperties.ConfiguredUser> users, Path file) {
    return new SecurityProperties(users, file, new SecurityProperties.EngineClient("tandem-engine-client", null));
  }
}

package io.tandem.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * Signs in the engine's service user, which sends its password with every call (thousands a second under
 * load): a constant-time comparison of a 256-bit random secret instead of a bcrypt check per call, which
 * only a guessable human password needs.
 */
final class EngineClientAuthentication implements AuthenticationProvider {

  private final String username;
  private final byte[] password;

  EngineClientAuthentication(String username, String password) {
    this.username = username;
    this.password = password.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public Authentication authenticate(Authentication authentication) {
    if (!username.equals(authentication.getName())) {
      return null; // someone else: the configured users' provider decides
    }
    Object credentials = authentication.getCredentials();
    if (credentials == null
        || !MessageDigest.isEqual(password, credentials.toString().getBytes(StandardCharsets.UTF_8))) {
      throw new BadCredentialsException("Bad credentials");
    }
    UsernamePasswordAuthenticationToken signedIn = UsernamePasswordAuthenticationToken.authenticated(
        username, null, List.of(new SimpleGrantedAuthority(Role.ENGINE_CLIENT.authority())));
    signedIn.setDetails(authentication.getDetails());
    return signedIn;
  }

  @Override
  public boolean supports(Class<?> authentication) {
    return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
  }
}

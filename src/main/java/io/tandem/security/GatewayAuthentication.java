package io.tandem.security;

import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Set;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.stereotype.Component;

/**
 * Who may call the engine's gRPC gateway: the same rule as for {@code /v2}, HTTP Basic credentials of an
 * {@code ADMIN} or of the engine client in the call's {@code authorization} metadata (what the Camunda client
 * sends with basic auth). A call without them ends UNAUTHENTICATED, one of another role PERMISSION_DENIED,
 * both audited. The engine knows nothing of this: it only runs the interceptors it is given.
 */
@Component
class GatewayAuthentication implements ServerInterceptor {

  static final Metadata.Key<String> AUTHORIZATION = Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
  private static final Set<String> ALLOWED = Set.of("ROLE_" + Role.ADMIN.name(), "ROLE_" + Role.ENGINE_CLIENT.name());

  private final AuthenticationManager authentication;
  private final AccessAudit audit;

  GatewayAuthentication(AuthenticationManager authentication, AccessAudit audit) {
    this.authentication = authentication;
    this.audit = audit;
  }

  @Override
  public <Q, A> ServerCall.Listener<Q> interceptCall(ServerCall<Q, A> call, Metadata headers,
      ServerCallHandler<Q, A> next) {
    String method = call.getMethodDescriptor().getFullMethodName();
    Object address = call.getAttributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR);
    UsernamePasswordAuthenticationToken credentials = basicCredentials(headers.get(AUTHORIZATION));
    if (credentials == null) {
      return refuse(call, Status.UNAUTHENTICATED, method, address, AccessAudit.AUTHENTICATION_REQUIRED,
          AccessAudit.ANONYMOUS, "no Basic credentials");
    }
    Authentication signedIn;
    try {
      signedIn = authentication.authenticate(credentials);
    } catch (AuthenticationException e) {
      // the failure event has been audited as SIGN_IN_FAILED already
      call.close(Status.UNAUTHENTICATED.withDescription("bad credentials"), new Metadata());
      return new ServerCall.Listener<>() {};
    }
    boolean allowed = signedIn.getAuthorities().stream().map(GrantedAuthority::getAuthority).anyMatch(ALLOWED::contains);
    if (!allowed) {
      return refuse(call, Status.PERMISSION_DENIED, method, address, AccessAudit.ACCESS_DENIED, signedIn.getName(),
          "the engine's gateway is for ADMIN and the engine client");
    }
    return next.startCall(call, headers);
  }

  private <Q, A> ServerCall.Listener<Q> refuse(ServerCall<Q, A> call, Status status, String method, Object address,
      String eventType, String actor, String reason) {
    audit.refusedCall(method, address, eventType, actor, reason);
    call.close(status.withDescription(reason), new Metadata());
    return new ServerCall.Listener<>() {};
  }

  /** {@code Basic base64(name:password)}, or null when the header is missing or not Basic. */
  static UsernamePasswordAuthenticationToken basicCredentials(String header) {
    if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
      return null;
    }
    String decoded;
    try {
      decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return null;
    }
    int colon = decoded.indexOf(':');
    return colon < 0 ? null
        : UsernamePasswordAuthenticationToken.unauthenticated(decoded.substring(0, colon), decoded.substring(colon + 1));
  }
}

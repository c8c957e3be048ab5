package io.tandem.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * API refusals as RFC 9457 problem+json, each audited: 401 without (valid) credentials, 403 when the
 * principal may not. The 401 challenges with Bearer only, so a browser never opens its Basic dialog
 * (and never caches Basic credentials that a cross-site form could ride on); scripts send Basic pre-emptively.
 */
final class Refusals implements AuthenticationEntryPoint, AccessDeniedHandler {

  private final AccessAudit audit;
  private final ObjectMapper json;

  Refusals(AccessAudit audit, ObjectMapper json) {
    this.audit = audit;
    this.json = json;
  }

  @Override
  public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
      throws IOException {
    audit.refused(request, AccessAudit.AUTHENTICATION_REQUIRED, AccessAudit.ANONYMOUS, e.getClass().getSimpleName());
    response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"Tandem\"");
    write(request, response, HttpStatus.UNAUTHORIZED, "Unauthorized",
        "sign in: HTTP Basic, a bearer token, or a session from /login");
  }

  @Override
  public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
      throws IOException {
    Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
    String actor = authentication == null ? AccessAudit.ANONYMOUS : authentication.getName();
    audit.refused(request, AccessAudit.ACCESS_DENIED, actor, e.getClass().getSimpleName());
    write(request, response, HttpStatus.FORBIDDEN, "Forbidden", forbiddenDetail(e));
  }

  private static String forbiddenDetail(AccessDeniedException e) {
    // a missing or wrong CSRF token is a 403 too; say so, since the fix is on the caller's side
    return e.getClass().getSimpleName().contains("Csrf")
        ? "missing or invalid CSRF token: send the XSRF-TOKEN cookie's value as X-XSRF-TOKEN"
        : "not allowed for this principal";
  }

  private void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String title,
      String detail) throws IOException {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setTitle(title);
    problem.setInstance(URI.create(request.getRequestURI()));
    response.setStatus(status.value());
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    json.writeValue(response.getOutputStream(), problem);
  }
}

package io.tandem.security;

import io.tandem.audit.AuditLog;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Every sign-in failure and every refusal goes to the audit chain (events of no one case): who, from where,
 * what they asked for, and why it was refused. Never a password or a token.
 */
@Component
class AccessAudit {

  static final String SIGN_IN_FAILED = "SIGN_IN_FAILED";
  static final String AUTHENTICATION_REQUIRED = "AUTHENTICATION_REQUIRED";
  static final String ACCESS_DENIED = "ACCESS_DENIED";
  static final String ANONYMOUS = "anonymous";
  private static final Logger LOG = LoggerFactory.getLogger(AccessAudit.class);
  /** Marks a request whose failure is recorded already, so its 401 is not recorded twice. */
  private static final String RECORDED = AccessAudit.class.getName() + ".recorded";

  private final AuditLog auditLog;

  AccessAudit(AuditLog auditLog) {
    this.auditLog = auditLog;
  }

  /** Wrong password, unknown user, bad or revoked token, locked out: from Spring Security's events. */
  @EventListener
  void signInFailed(AbstractAuthenticationFailureEvent event) {
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("reason", event.getException().getClass().getSimpleName());
    HttpServletRequest request = currentRequest();
    if (request != null) {
      payload.put("method", request.getMethod());
      payload.put("path", request.getRequestURI());
      request.setAttribute(RECORDED, true);
    }
    if (event.getAuthentication().getDetails() instanceof WebAuthenticationDetails details) {
      payload.put("address", details.getRemoteAddress());
    } else if (request != null) {
      payload.put("address", request.getRemoteAddr());
    }
    String name = event.getAuthentication().getName();
    record(SIGN_IN_FAILED, name == null || name.isBlank() ? ANONYMOUS : name, payload);
  }

  /** A request refused with 401 (no or bad credentials) or 403 (not allowed), unless recorded already. */
  void refused(HttpServletRequest request, String eventType, String actor, String reason) {
    if (request.getAttribute(RECORDED) != null) {
      return;
    }
    request.setAttribute(RECORDED, true);
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("method", request.getMethod());
    payload.put("path", request.getRequestURI());
    payload.put("address", request.getRemoteAddr());
    payload.put("reason", reason);
    record(eventType, actor, payload);
  }

  /** A gRPC call to the engine's gateway refused (no servlet request to mark: each call is recorded once). */
  void refusedCall(String method, Object address, String eventType, String actor, String reason) {
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("method", "gRPC");
    payload.put("path", method);
    payload.put("address", String.valueOf(address));
    payload.put("reason", reason);
    record(eventType, actor, payload);
  }

  private void record(String eventType, String actor, Map<String, Object> payload) {
    try {
      auditLog.append(null, eventType, actor, payload);
    } catch (RuntimeException e) {
      // the refusal stands either way; a lost audit record is an error for operations to see
      LOG.error("Could not audit {} of {}: {}", eventType, actor, e.toString());
    }
  }

  private static HttpServletRequest currentRequest() {
    RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
    return attributes instanceof ServletRequestAttributes servlet ? servlet.getRequest() : null;
  }
}

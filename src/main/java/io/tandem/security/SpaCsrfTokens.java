package io.tandem.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.function.Supplier;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.CsrfTokenRequestAttributeHandler;
import org.springframework.security.web.csrf.CsrfTokenRequestHandler;
import org.springframework.security.web.csrf.XorCsrfTokenRequestAttributeHandler;
import org.springframework.util.StringUtils;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * CSRF for pages whose scripts read the {@code XSRF-TOKEN} cookie and send it back as {@code X-XSRF-TOKEN}
 * (Spring Security's documented recipe for JavaScript clients, which 6.5 does not ship as a class): a header
 * carries the cookie's raw value; a form field carries the BREACH-masked value a template rendered.
 */
final class SpaCsrfTokens implements CsrfTokenRequestHandler {

  private final CsrfTokenRequestHandler plain = new CsrfTokenRequestAttributeHandler();
  private final CsrfTokenRequestHandler masked = new XorCsrfTokenRequestAttributeHandler();

  @Override
  public void handle(HttpServletRequest request, HttpServletResponse response, Supplier<CsrfToken> csrfToken) {
    masked.handle(request, response, csrfToken);
  }

  @Override
  public String resolveCsrfTokenValue(HttpServletRequest request, CsrfToken csrfToken) {
    return StringUtils.hasText(request.getHeader(csrfToken.getHeaderName()))
        ? plain.resolveCsrfTokenValue(request, csrfToken)
        : masked.resolveCsrfTokenValue(request, csrfToken);
  }

  /** Loads the (deferred) token on every page request, so the cookie is there before a script needs it. */
  static final class CookieFilter extends OncePerRequestFilter {
    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
        throws ServletException, IOException {
      if (!SecurityConfiguration.SCRIPT_CREDENTIALS.matches(request)
          && request.getAttribute(CsrfToken.class.getName()) instanceof CsrfToken token) {
        token.getToken();
      }
      chain.doFilter(request, response);
    }
  }
}

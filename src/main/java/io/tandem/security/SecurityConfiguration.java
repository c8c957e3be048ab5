package io.tandem.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.DispatcherType;
import java.util.List;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AuthenticationEventPublisher;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.AndRequestMatcher;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Who may call what. One filter chain for pages and APIs: pages sign in by form (a session cookie, CSRF on),
 * scripts and services by HTTP Basic (and bearer tokens), which carry no cookie and need no CSRF token.
 * Anonymous page requests go to /login; API refusals are problem+json ({@link Refusals}), all audited.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
@EnableConfigurationProperties(SecurityProperties.class)
class SecurityConfiguration {

  /** The APIs: refused with problem+json rather than sent to the sign-in page. */
  static final RequestMatcher API =
      new OrRequestMatcher(path("/api/**"), path("/v2/**"), path("/actuator/**"));

  /** Requests that carry their own credentials (not a cookie a browser adds by itself): exempt from CSRF. */
  static final RequestMatcher SCRIPT_CREDENTIALS = request -> {
    String authorization = request.getHeader("Authorization");
    return authorization != null
        && (authorization.regionMatches(true, 0, "Basic ", 0, 6)
            || authorization.regionMatches(true, 0, "Bearer ", 0, 7));
  };

  /**
   * Writes that a browser could be tricked into sending with its session: pages (the sign-in form included),
   * and API calls that carry a session cookie. An API call without one is anonymous or brings its own
   * credentials, so it gets a plain 401 or passes, rather than a 403 for a token it could not have.
   */
  static final RequestMatcher CSRF_PROTECTED = new AndRequestMatcher(CsrfFilter.DEFAULT_CSRF_MATCHER,
      new NegatedRequestMatcher(SCRIPT_CREDENTIALS),
      request -> !API.matches(request) || request.getRequestedSessionId() != null);

  static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self';"
      + " style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; object-src 'none';"
      + " base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

  static {
    // a controller's CurrentUser argument is the principal, not a request parameter
    SpringDocUtils.getConfig().addRequestWrapperToIgnore(CurrentUser.class);
  }

  @Bean
  PasswordEncoder passwordEncoder() {
    return PasswordEncoderFactories.createDelegatingPasswordEncoder();
  }

  @Bean
  AuthenticationManager authenticationManager(SecurityProperties properties, PasswordEncoder encoder,
      Environment environment, AuthenticationEventPublisher events) {
    DaoAuthenticationProvider configured = new DaoAuthenticationProvider(Users.from(properties, encoder));
    configured.setPasswordEncoder(encoder);
    List<AuthenticationProvider> providers = properties.engineClient().password() == null
        ? List.of(configured)
        : List.of(new EngineClientAuthentication(properties.engineClient().username(),
            properties.engineClient().password()), configured);
    ProviderManager manager = new ProviderManager(providers);
    manager.setAuthenticationEventPublisher(events);
    return manager;
  }

  @Bean
  Refusals refusals(AccessAudit audit, ObjectMapper json) {
    return new Refusals(audit, json);
  }

  @Bean
  SecurityFilterChain filterChain(HttpSecurity http, AuthenticationManager authenticationManager,
      Refusals refusals) throws Exception {
    HttpSessionRequestCache pagesOnly = new HttpSessionRequestCache();
    pagesOnly.setRequestMatcher(new AndRequestMatcher(
        PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.GET, "/**"), new NegatedRequestMatcher(API)));
    http
        .authenticationManager(authenticationManager)
        .authorizeHttpRequests(requests -> requests
            .dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
            .requestMatchers("/actuator/health", "/actuator/health/**", "/login", "/assets/**", "/favicon.ico")
            .permitAll()
            .requestMatchers("/v2/**").hasAnyRole(Role.ADMIN.name(), Role.ENGINE_CLIENT.name())
            .anyRequest().authenticated())
        .formLogin(form -> form.loginPage("/login").defaultSuccessUrl("/", false).failureUrl("/login?error"))
        .httpBasic(basic -> basic.authenticationEntryPoint(refusals))
        .logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?logout"))
        .csrf(csrf -> csrf
            .csrfTokenRepository(CookieCsrfTokenRepository.withHttpOnlyFalse())
            .csrfTokenRequestHandler(new SpaCsrfTokens())
            .requireCsrfProtectionMatcher(CSRF_PROTECTED))
        .addFilterAfter(new SpaCsrfTokens.CookieFilter(), BasicAuthenticationFilter.class)
        .requestCache(cache -> cache.requestCache(pagesOnly))
        .exceptionHandling(exceptions -> exceptions
            .defaultAuthenticationEntryPointFor(refusals, API)
            .defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint("/login"), AnyRequestMatcher.INSTANCE)
            .accessDeniedHandler(refusals))
        .headers(headers -> headers
            .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
            .frameOptions(frame -> frame.deny())
            .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.SAME_ORIGIN)));
    return http.build();
  }

  private static RequestMatcher path(String pattern) {
    return PathPatternRequestMatcher.withDefaults().matcher(pattern);
  }

  @Bean
  WebMvcConfigurer currentUserArguments() {
    return new WebMvcConfigurer() {
      @Override
      public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new CurrentUserArgumentResolver());
      }
    };
  }
}

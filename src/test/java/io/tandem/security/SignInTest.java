package io.tandem.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tandem.testsupport.TestUsers;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/**
 * Sign-in on the embedded default, over real HTTP: anonymous API calls get 401 problem+json, pages go to
 * the sign-in page, a form sign-in gives a session whose writes need the CSRF token, HTTP Basic needs none,
 * and every refusal is in the audit chain.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class SignInTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;
  private final HttpClient anonymous = HttpClient.newHttpClient();

  @Test
  void shouldRefuseAnonymousApiCallsWithProblemJson() throws Exception {
    for (HttpRequest request : new HttpRequest[] {
        get("/api/cases").build(), get("/api/tasks").build(), get("/api/flows").build(),
        post("/v2/user-tasks/search", "{}").build(), get("/actuator/prometheus").build()}) {
      // when
      HttpResponse<String> response = anonymous.send(request, HttpResponse.BodyHandlers.ofString());

      // then
      assertThat(response.statusCode()).as(request.uri().toString()).isEqualTo(401);
      assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
      assertThat(JSON.readValue(response.body(), Map.class)).containsEntry("status", 401)
          .containsEntry("title", "Unauthorized");
      assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"Tandem\"");
    }
    assertThat(latestAudit("AUTHENTICATION_REQUIRED")).contains("\"path\": \"/actuator/prometheus\"");
  }

  @Test
  void shouldSendAnonymousPagesToTheSignInPageAndKeepHealthOpen() throws Exception {
    // when
    HttpResponse<String> page = anonymous.send(get("/").build(), HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> login = anonymous.send(get("/login").build(), HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> health = anonymous.send(get("/actuator/health").build(), HttpResponse.BodyHandlers.ofString());

    // then
    assertThat(page.statusCode()).isEqualTo(302);
    assertThat(page.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login"));
    assertThat(login.statusCode()).isEqualTo(200);
    assertThat(login.body()).contains("<form", "name=\"username\"", "name=\"password\"", "name=\"_csrf\"",
        "/assets/app.css").doesNotContain("<script");
    assertThat(login.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp ->
        assertThat(csp).contains("script-src 'self'", "frame-ancestors 'none'", "img-src 'self' data:"));
    assertThat(login.headers().firstValue("X-Frame-Options")).hasValue("DENY");
    // open to anyone (this context's client, on a random port, may report its engine address as down)
    assertThat(health.statusCode()).isIn(200, 503);
    assertThat(health.body()).contains("\"db\":{\"status\":\"UP\"");
  }

  @Test
  void shouldRefuseAWrongPasswordAndAuditTheFailedSignIn() throws Exception {
    // when
    HttpResponse<String> response = anonymous.send(
        get("/api/cases").header("Authorization", basic("cora", "wrong")).build(),
        HttpResponse.BodyHandlers.ofString());

    // then
    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(latestAudit("SIGN_IN_FAILED")).contains("\"reason\": \"BadCredentialsException\"")
        .doesNotContain("wrong");
    assertThat(jdbc.queryForObject("select actor from audit_event where event_type = 'SIGN_IN_FAILED'"
        + " order by sequence desc limit 1", String.class)).isEqualTo("cora");
  }

  @Test
  void shouldLetBasicCallersInWithoutASessionOrCsrfToken() throws Exception {
    // when
    HttpResponse<String> response = anonymous.send(
        post("/api/cases", "{}").header("Authorization", basic(TestUsers.ADMIN, TestUsers.PASSWORD)).build(),
        HttpResponse.BodyHandlers.ofString());

    // then: past security (the empty submission is bad input), and no session was made
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.headers().allValues("Set-Cookie")).noneMatch(c -> c.startsWith("JSESSIONID"));
  }

  @Test
  void shouldKeepReviewersOutOfTheEnginesApi() throws Exception {
    // when
    HttpResponse<String> reviewer = anonymous.send(post("/v2/user-tasks/search", "{}")
        .header("Authorization", basic(TestUsers.REVIEWER, TestUsers.PASSWORD)).build(),
        HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> admin = anonymous.send(post("/v2/user-tasks/search", "{}")
        .header("Authorization", basic(TestUsers.ADMIN, TestUsers.PASSWORD)).build(),
        HttpResponse.BodyHandlers.ofString());

    // then
    assertThat(reviewer.statusCode()).isEqualTo(403);
    assertThat(reviewer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(latestAudit("ACCESS_DENIED")).contains("\"path\": \"/v2/user-tasks/search\"");
    assertThat(admin.statusCode()).isEqualTo(200);
  }

  @Test
  void shouldSignInByFormAndRequireTheCsrfTokenForWrites() throws Exception {
    // given
    HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
    String loginPage = browser.send(get("/login").build(), HttpResponse.BodyHandlers.ofString()).body();
    Matcher field = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(loginPage);
    assertThat(field.find()).isTrue();

    // when
    HttpResponse<String> signIn = browser.send(HttpRequest.newBuilder(uri("/login"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("username=cora&password=demo&_csrf="
            + URLEncoder.encode(field.group(1), StandardCharsets.UTF_8))).build(),
        HttpResponse.BodyHandlers.ofString());

    // then
    assertThat(signIn.statusCode()).isEqualTo(302);
    assertThat(signIn.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/"));
    assertThat(browser.send(get("/api/flows").build(), HttpResponse.BodyHandlers.ofString()).statusCode())
        .isEqualTo(200);
    HttpResponse<String> withoutToken = browser.send(post("/api/cases", "{}").build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(withoutToken.statusCode()).isEqualTo(403);
    assertThat(withoutToken.body()).contains("CSRF");
    String xsrf = ((CookieManager) browser.cookieHandler().orElseThrow()).getCookieStore().getCookies().stream()
        .filter(c -> c.getName().equals("XSRF-TOKEN")).findFirst().orElseThrow().getValue();
    HttpResponse<String> withToken = browser.send(post("/api/cases", "{}").header("X-XSRF-TOKEN", xsrf).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(withToken.statusCode()).isEqualTo(400); // past security: the empty submission is bad input
  }

  @Test
  void shouldSendAWrongFormPasswordBackToTheSignInPage() throws Exception {
    // given
    HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
    String loginPage = browser.send(get("/login").build(), HttpResponse.BodyHandlers.ofString()).body();
    Matcher field = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(loginPage);
    assertThat(field.find()).isTrue();

    // when
    HttpResponse<String> signIn = browser.send(HttpRequest.newBuilder(uri("/login"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("username=erin&password=nope&_csrf="
            + URLEncoder.encode(field.group(1), StandardCharsets.UTF_8))).build(),
        HttpResponse.BodyHandlers.ofString());

    // then
    assertThat(signIn.statusCode()).isEqualTo(302);
    assertThat(signIn.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login?error"));
    assertThat(browser.send(get("/login?error").build(), HttpResponse.BodyHandlers.ofString()).body())
        .contains("Wrong user name or password");
    assertThat(jdbc.queryForObject("select actor from audit_event where event_type = 'SIGN_IN_FAILED'"
        + " order by sequence desc limit 1", String.class)).isEqualTo("erin");
  }

  private String latestAudit(String eventType) {
    return jdbc.queryForObject("select payload::text from audit_event where event_type = ?"
        + " order by sequence desc limit 1", String.class, eventType);
  }

  private URI uri(String path) {
    return URI.create("http://localhost:" + port + path);
  }

  private HttpRequest.Builder get(String path) {
    return HttpRequest.newBuilder(uri(path)).GET();
  }

  private HttpRequest.Builder post(String path, String json) {
    return HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json));
  }

  static String basic(String user, String password) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }
}

package io.tandem.testsupport;

import org.springframework.boot.test.web.client.TestRestTemplate;

/** The users of the test profile (application-test.yml), the demo profile's: all sign in with "demo". */
public final class TestUsers {

  public static final String PASSWORD = "demo";
  /** ADMIN, in every group. */
  public static final String ADMIN = "adam";
  /** CASE_WORKER in reviewers (so are carl and cleo). */
  public static final String REVIEWER = "cora";
  /** EXPERT in experts. */
  public static final String EXPERT = "erin";
  /** CASE_WORKER in approvers. */
  public static final String APPROVER = "avery";
  public static final String ANALYST = "ana";
  public static final String OPERATIONS = "otto";

  private TestUsers() {}

  /** The same template, signed in with HTTP Basic as a test user. */
  public static TestRestTemplate as(TestRestTemplate anonymous, String user) {
    return anonymous.withBasicAuth(user, PASSWORD);
  }
}

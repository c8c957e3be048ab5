package io.tandem.security;

/**
 * What a person (or a service) may do in Tandem. A role becomes the authority {@code ROLE_<name>};
 * a group, which decides which review tasks a person sees, becomes {@code GROUP_<id>}.
 */
public enum Role {
  /** Sees, claims and answers the review tasks of their groups. */
  CASE_WORKER,
  /** A case worker for the escalations: the expert pool. */
  EXPERT,
  /** Models review flows: processes, decisions, forms. */
  ANALYST,
  /** Watches the flows: the console, incidents, the kill switch, the audit chain. */
  OPERATIONS,
  /** Everything, including the engine's own API. */
  ADMIN,
  /** A service that drives the embedded engine through its Camunda API ({@code /v2}, gRPC): the app's own client. */
  ENGINE_CLIENT;

  public static final String ROLE_PREFIX = "ROLE_";
  public static final String GROUP_PREFIX = "GROUP_";

  public String authority() {
    return ROLE_PREFIX + name();
  }
}

package io.tandem.engine.api;

import io.tandem.engine.processing.Rejection;

/** How Camunda's gateways word a rejection, in a problem's detail (REST) or a status description (gRPC). */
public final class RejectionDetail {

  private RejectionDetail() {}

  public static String of(Rejection rejection) {
    return "Command '%s' rejected with code '%s': %s"
        .formatted(rejection.command(), rejection.type().name(), rejection.reason());
  }
}

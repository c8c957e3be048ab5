package io.tandem.engine.api;

/**
 * A request that can't be a command: missing or malformed fields. REST answers it with 400,
 * gRPC with INVALID_ARGUMENT; no command ran, nothing was written.
 */
public final class InvalidRequest extends RuntimeException {

  public InvalidRequest(String message) {
    super(message, null, false, false);
  }
}

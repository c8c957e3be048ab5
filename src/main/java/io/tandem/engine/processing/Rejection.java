package io.tandem.engine.processing;

/** Why a command was refused: nothing was written, the caller gets a 4xx. */
public record Rejection(Type type, String command, String reason) {

  public enum Type {
    INVALID_ARGUMENT,
    NOT_FOUND,
    INVALID_STATE,
    ALREADY_EXISTS
  }

  public static RejectedCommand notFound(String command, String reason, Object... args) {
    return new RejectedCommand(new Rejection(Type.NOT_FOUND, command, reason.formatted(args)));
  }

  public static RejectedCommand invalidState(String command, String reason, Object... args) {
    return new RejectedCommand(new Rejection(Type.INVALID_STATE, command, reason.formatted(args)));
  }

  public static RejectedCommand invalidArgument(String command, String reason, Object... args) {
    return new RejectedCommand(new Rejection(Type.INVALID_ARGUMENT, command, reason.formatted(args)));
  }

  /** Unwinds the command's transaction; carries the rejection to the API layer. */
  public static final class RejectedCommand extends RuntimeException {
    private final Rejection rejection;

    RejectedCommand(Rejection rejection) {
      super(rejection.reason(), null, false, false);
      this.rejection = rejection;
    }

    public Rejection rejection() {
      return rejection;
    }
  }
}

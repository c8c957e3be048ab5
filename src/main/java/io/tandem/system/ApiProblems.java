package io.tandem.system;

import io.tandem.privacy.SealBrokenException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** The app API's errors as RFC 9457 problem details, naming the field at fault. */
@RestControllerAdvice
public class ApiProblems {

  private static final Logger LOG = LoggerFactory.getLogger(ApiProblems.class);

  /** Bad input in one field: 400, with the field's name. */
  public static class InvalidField extends RuntimeException {
    private final String field;

    public InvalidField(String field, String message) {
      super(message, null, false, false);
      this.field = field;
    }

    public String field() {
      return field;
    }
  }

  /** Something asked for does not exist: 404. */
  public static class NotFound extends RuntimeException {
    public NotFound(String message) {
      super(message, null, false, false);
    }
  }

  /** A request that conflicts with the current state (e.g. four-eyes): 409. */
  public static class Conflict extends RuntimeException {
    public Conflict(String message) {
      super(message, null, false, false);
    }
  }

  @ExceptionHandler(InvalidField.class)
  ProblemDetail invalid(InvalidField e) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
    problem.setTitle("Invalid request");
    problem.setProperty("field", e.field());
    return problem;
  }

  @ExceptionHandler(NotFound.class)
  ProblemDetail notFound(NotFound e) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
    problem.setTitle("Not found");
    return problem;
  }

  /** A sealed input that does not open: altered at rest, or its key is gone. 500, without details. */
  @ExceptionHandler(SealBrokenException.class)
  ProblemDetail sealBroken(SealBrokenException e) {
    LOG.error("A sealed input could not be opened: {}", e.getMessage());
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
        "the stored input failed its integrity check or its key is not configured");
    problem.setTitle("Input unreadable");
    return problem;
  }

  @ExceptionHandler(Conflict.class)
  ProblemDetail conflict(Conflict e) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
    problem.setTitle("Conflict");
    return problem;
  }
}

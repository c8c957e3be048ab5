package io.tandem.system;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** The app API's errors as RFC 9457 problem details, naming the field at fault. */
@RestControllerAdvice
public class ApiProblems {

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

  @ExceptionHandler(Conflict.class)
  ProblemDetail conflict(Conflict e) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
    problem.setTitle("Conflict");
    return problem;
  }
}

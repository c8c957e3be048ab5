package io.tandem.engine.api;

import io.tandem.engine.ConditionalOnEngine;

import io.tandem.engine.processing.Rejection;
import io.tandem.engine.processing.Rejection.RejectedCommand;
import io.tandem.engine.store.Search;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;

/** Rejections and bad requests as RFC 9457 problem details, titled as Camunda titles them. */
@ConditionalOnEngine
@RestControllerAdvice(basePackageClasses = EngineProblems.class)
class EngineProblems {

  private static final Logger LOG = LoggerFactory.getLogger(EngineProblems.class);

  @ExceptionHandler(RejectedCommand.class)
  ResponseEntity<ProblemDetail> rejected(RejectedCommand rejected) {
    return problem(rejected.rejection());
  }

  static ResponseEntity<ProblemDetail> problem(Rejection rejection) {
    HttpStatus status = switch (rejection.type()) {
      case NOT_FOUND -> HttpStatus.NOT_FOUND;
      case INVALID_STATE, ALREADY_EXISTS -> HttpStatus.CONFLICT;
      case INVALID_ARGUMENT -> HttpStatus.BAD_REQUEST;
    };
    return problem(status, rejection.type().name(), RejectionDetail.of(rejection));
  }

  @ExceptionHandler(InvalidRequest.class)
  ResponseEntity<ProblemDetail> invalid(InvalidRequest invalid) {
    return problem(HttpStatus.BAD_REQUEST, "INVALID_ARGUMENT", invalid.getMessage());
  }

  @ExceptionHandler(Search.InvalidQuery.class)
  ResponseEntity<ProblemDetail> invalidQuery(Search.InvalidQuery invalid) {
    return problem(HttpStatus.BAD_REQUEST, "INVALID_ARGUMENT", invalid.getMessage());
  }

  @ExceptionHandler(NotFound.class)
  ResponseEntity<ProblemDetail> notFound(NotFound notFound) {
    return problem(HttpStatus.NOT_FOUND, "NOT_FOUND", notFound.getMessage());
  }

  @ExceptionHandler({HttpMessageNotReadableException.class, MissingServletRequestPartException.class,
      MissingServletRequestParameterException.class, MethodArgumentTypeMismatchException.class})
  ResponseEntity<ProblemDetail> unreadable(Exception e) {
    return problem(HttpStatus.BAD_REQUEST, "Bad Request", e.getMessage());
  }

  @ExceptionHandler(RuntimeException.class)
  ResponseEntity<ProblemDetail> unexpected(RuntimeException e) {
    LOG.error("Engine request failed unexpectedly", e);
    return problem(HttpStatus.INTERNAL_SERVER_ERROR, "INTERNAL", "Unexpected error: " + e.getMessage());
  }

  static ResponseEntity<ProblemDetail> problem(HttpStatus status, String title, String detail) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setTitle(title);
    return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
  }

  /** A read of something that doesn't exist (a user task, a process definition by key). */
  static final class NotFound extends RuntimeException {
    NotFound(String message) {
      super(message, null, false, false);
    }
  }
}

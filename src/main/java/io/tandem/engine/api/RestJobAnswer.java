package io.tandem.engine.api;

import io.camunda.client.protocol.rest.JobActivationResult;
import io.tandem.engine.processing.JobCommands.ActivatedJob;
import java.io.IOException;
import java.util.List;
import java.util.function.Function;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyEmitter;

/**
 * A REST activation's end of a long poll, over a response it streams itself: the servlet container
 * notices a client that has gone only when a write to it fails, so a waiting poll writes a space now and
 * then (JSON allows whitespace before the value), and the answer writes one before its jobs. A worker
 * killed mid-poll has closed its socket; the first write after that draws a reset from its host and
 * the next one fails, so the poll ends and jobs it was about to get go back to the other workers.
 */
final class RestJobAnswer implements JobLongPolling.Answer {

  private static final String SPACE = " ";

  private final ResponseBodyEmitter emitter;
  private final Function<List<ActivatedJob>, JobActivationResult> result;
  private boolean answered;

  RestJobAnswer(ResponseBodyEmitter emitter, Function<List<ActivatedJob>, JobActivationResult> result) {
    this.emitter = emitter;
    this.result = result;
  }

  @Override
  public synchronized boolean send(List<ActivatedJob> jobs) {
    if (answered) {
      return false;
    }
    answered = true;
    try {
      if (!jobs.isEmpty()) {
        emitter.send(SPACE, MediaType.TEXT_PLAIN);
      }
      emitter.send(result.apply(jobs), MediaType.APPLICATION_JSON);
      emitter.complete();
      return true;
    } catch (IOException | IllegalStateException gone) {
      return false;
    }
  }

  @Override
  public synchronized boolean alive() {
    if (answered) {
      return true;
    }
    try {
      emitter.send(SPACE, MediaType.TEXT_PLAIN);
      return true;
    } catch (IOException | IllegalStateException gone) {
      answered = true;
      return false;
    }
  }
}

package io.tandem.testsupport;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/**
 * Outside a Spring context nothing configures Logback, whose default is DEBUG for everything: the
 * Camunda client and its HTTP client would log every request. This sets WARN (Spring-based tests
 * that run later in the same JVM configure logging afresh).
 */
public final class QuietLogging {

  private QuietLogging() {}

  public static void apply() {
    if (LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME) instanceof Logger root) {
      root.setLevel(Level.WARN);
    }
  }
}

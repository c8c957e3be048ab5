package io.tandem.engine.model;

import io.tandem.engine.expression.Expression;

/** A timer event's definition: exactly one of duration, date or cycle. */
public record TimerDefinition(Kind kind, Expression expression) {
  public enum Kind {
    DURATION,
    DATE,
    CYCLE
  }
}

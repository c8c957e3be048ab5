package io.tandem.engine.model;

/** What an event waits for or throws. */
public enum EventKind {
  NONE,
  TIMER,
  MESSAGE,
  ERROR,
  TERMINATE
}

package io.tandem.engine.state;

/** Lifecycle of an element instance, as Camunda's element instance intents name it. */
public enum ElementState {
  ACTIVATING,
  ACTIVATED,
  COMPLETING,
  TERMINATING
}

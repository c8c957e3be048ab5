package io.tandem.engine.expression;

/** Why an expression could not give a usable value: becomes an incident's message. */
public record EvaluationFailure(String message) {}

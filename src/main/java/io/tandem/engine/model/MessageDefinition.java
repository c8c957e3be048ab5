package io.tandem.engine.model;

import io.tandem.engine.expression.Expression;

/** A message catch: the message name and {@code zeebe:subscription} correlation key. */
public record MessageDefinition(Expression name, Expression correlationKey) {}

package io.tandem.engine.model;

import io.tandem.engine.expression.Expression;

/** One {@code zeebe:input} or {@code zeebe:output}: the target may be a dotted path. */
public record Mapping(Expression source, String target) {}

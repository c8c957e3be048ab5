package io.tandem.engine.model;

import io.tandem.engine.expression.Expression;

/** A sequence flow; {@code condition} is null when unconditional. */
public record ExecutableFlow(String id, String sourceId, String targetId, Expression condition) {}

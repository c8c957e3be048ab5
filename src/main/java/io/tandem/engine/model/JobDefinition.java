package io.tandem.engine.model;

import io.tandem.engine.expression.Expression;
import java.util.Map;

/** {@code zeebe:taskDefinition} and {@code zeebe:taskHeaders} of a job-based element. */
public record JobDefinition(Expression type, Expression retries, Map<String, String> headers) {}

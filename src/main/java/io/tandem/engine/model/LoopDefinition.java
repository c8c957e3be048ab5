package io.tandem.engine.model;

import io.tandem.engine.expression.Expression;

/** Multi-instance characteristics ({@code zeebe:loopCharacteristics}). */
public record LoopDefinition(
    boolean sequential,
    Expression inputCollection,
    String inputElement,
    String outputCollection,
    Expression outputElement,
    Expression completionCondition) {}

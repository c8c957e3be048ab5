package io.tandem.engine.store;

import java.util.Map;

/**
 * One thing the engine did, in the order it did it: the basis for traces, history and audit. Its
 * process instance is that of the command's batch.
 */
public record EngineRecord(
    String valueType,
    String intent,
    long key,
    String elementId,
    String elementType,
    Long flowScopeKey,
    Map<String, Object> payload) {}

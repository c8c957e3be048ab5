package io.tandem.engine.dmn;

/**
 * What {@link DecisionService#parse} gives back: a {@link ParsedDecisionResource} or a {@link
 * Failure}.
 */
public sealed interface DecisionParseResult
    permits ParsedDecisionResource, DecisionParseResult.Failure {

  /** The resource is not a usable DMN: invalid XML, unknown element, FEEL that doesn't parse... */
  record Failure(String resourceName, String reason) implements DecisionParseResult {}
}

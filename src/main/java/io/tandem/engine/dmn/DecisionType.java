package io.tandem.engine.dmn;

/** The kind of decision logic, named as in the Camunda 8 API. */
public enum DecisionType {
  DECISION_TABLE,
  LITERAL_EXPRESSION,
  CONTEXT,
  LIST,
  RELATION,
  FUNCTION_DEFINITION,
  INVOCATION,
  UNKNOWN
}

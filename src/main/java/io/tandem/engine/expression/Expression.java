package io.tandem.engine.expression;

import org.camunda.feel.syntaxtree.ParsedExpression;

/**
 * An expression from a model attribute: FEEL when it starts with {@code =}, otherwise a static
 * string value, as Camunda 8 reads BPMN attributes.
 */
public record Expression(String source, ParsedExpression parsed, String staticValue) {

  public static Expression ofStatic(String value) {
    return new Expression(value, null, value);
  }

  public boolean isStatic() {
    return parsed == null;
  }

  @Override
  public String toString() {
    return source;
  }
}

package io.tandem.engine.expression;

import java.time.ZonedDateTime;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.camunda.feel.FeelEngineClock;
import org.camunda.feel.api.EvaluationResult;
import org.camunda.feel.api.FeelEngineApi;
import org.camunda.feel.api.FeelEngineBuilder;
import org.camunda.feel.api.ParseResult;

/**
 * The one door to FEEL: parses each expression once (cached) and evaluates it against a variable
 * context of plain Java values. Results come back as plain Java values too.
 */
public final class ExpressionService {

  private final FeelEngineApi feel;
  private final Map<String, ParseResult> parsed = new ConcurrentHashMap<>();

  public ExpressionService(Supplier<ZonedDateTime> now) {
    FeelEngineClock clock = now::get;
    this.feel = FeelEngineBuilder.forJava().withClock(clock).build();
  }

  /** Parses a model attribute; a FEEL syntax error is returned as the failure. */
  public Result<Expression> parse(String source) {
    if (source == null) {
      return Result.ok(null);
    }
    String trimmed = source.trim();
    if (!trimmed.startsWith("=")) {
      return Result.ok(Expression.ofStatic(source));
    }
    String feelSource = trimmed.substring(1);
    ParseResult result = parsed.computeIfAbsent(feelSource, feel::parseExpression);
    if (result.isFailure()) {
      return Result.fail(
          "failed to parse expression '%s': %s".formatted(feelSource, result.failure().message()));
    }
    return Result.ok(new Expression(source, result.parsedExpression(), null));
  }

  /** Evaluates against the given variables; a static expression yields its text. */
  public Result<Object> evaluate(Expression expression, Map<String, Object> variables) {
    if (expression.isStatic()) {
      return Result.ok(expression.staticValue());
    }
    EvaluationResult result = feel.evaluate(expression.parsed(), variables);
    if (result.isFailure()) {
      return Result.fail(
          "failed to evaluate expression '%s': %s"
              .formatted(expression.source().trim().substring(1), result.failure().message()));
    }
    return Result.ok(JavaValues.fromFeel(result.result()));
  }

  public Result<Boolean> evaluateBoolean(Expression expression, Map<String, Object> variables) {
    return evaluate(expression, variables)
        .flatMap(value -> value instanceof Boolean b
            ? Result.ok(b)
            : Result.fail(typeMismatch(expression, "BOOLEAN", value)));
  }

  public Result<String> evaluateString(Expression expression, Map<String, Object> variables) {
    return evaluate(expression, variables)
        .flatMap(value -> value instanceof String s
            ? Result.ok(s)
            : Result.fail(typeMismatch(expression, "STRING", value)));
  }

  public Result<Long> evaluateLong(Expression expression, Map<String, Object> variables) {
    return evaluate(expression, variables)
        .flatMap(value -> {
          if (value instanceof Number n) {
            return Result.ok(n.longValue());
          }
          if (expression.isStatic() && value instanceof String s && s.matches("-?\\d+")) {
            return Result.ok(Long.parseLong(s));
          }
          return Result.fail(typeMismatch(expression, "NUMBER", value));
        });
  }

  /** Camunda's wording for a result of the wrong type. */
  public static String typeMismatch(Expression expression, String expected, Object value) {
    return "Expected result of the expression '%s' to be '%s', but was '%s'."
        .formatted(
            expression.isStatic() ? expression.source() : expression.source().trim().substring(1),
            expected,
            JavaValues.typeName(value));
  }
}

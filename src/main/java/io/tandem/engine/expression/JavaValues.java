package io.tandem.engine.expression;

import java.math.BigDecimal;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import scala.jdk.javaapi.CollectionConverters;

/** Turns what FEEL returns into plain Java values that serialize to JSON. */
public final class JavaValues {

  private JavaValues() {}

  public static Object fromFeel(Object value) {
    if (value instanceof scala.collection.Map<?, ?> map) {
      return fromFeel(CollectionConverters.asJava(map));
    }
    if (value instanceof scala.collection.Iterable<?> iterable) {
      return fromFeel(CollectionConverters.asJava(iterable));
    }
    if (value instanceof scala.math.BigDecimal decimal) {
      return normalize(decimal.bigDecimal());
    }
    if (value instanceof scala.Option<?> option) {
      return option.isEmpty() ? null : fromFeel(option.get());
    }
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> result = new LinkedHashMap<>();
      map.forEach((k, v) -> result.put(String.valueOf(k), fromFeel(v)));
      return result;
    }
    if (value instanceof Iterable<?> iterable) {
      List<Object> result = new ArrayList<>();
      iterable.forEach(v -> result.add(fromFeel(v)));
      return result;
    }
    if (value instanceof BigDecimal decimal) {
      return normalize(decimal);
    }
    if (value instanceof TemporalAccessor temporal) {
      return temporal.toString();
    }
    return value;
  }

  /** Whole numbers become longs so that 3 stays 3 in JSON, not 3.0. */
  private static Object normalize(BigDecimal decimal) {
    if (decimal.signum() == 0 || decimal.stripTrailingZeros().scale() <= 0) {
      try {
        return decimal.longValueExact();
      } catch (ArithmeticException tooBig) {
        return decimal;
      }
    }
    return decimal.doubleValue();
  }

  public static String typeName(Object value) {
    if (value == null) {
      return "NULL";
    }
    if (value instanceof Boolean) {
      return "BOOLEAN";
    }
    if (value instanceof Number) {
      return "NUMBER";
    }
    if (value instanceof String) {
      return "STRING";
    }
    if (value instanceof Map) {
      return "CONTEXT";
    }
    if (value instanceof List) {
      return "LIST";
    }
    return value.getClass().getSimpleName().toUpperCase();
  }
}

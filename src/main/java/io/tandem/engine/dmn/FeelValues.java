package io.tandem.engine.dmn;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.feel.syntaxtree.Val;
import org.camunda.feel.syntaxtree.ValError;
import org.camunda.feel.syntaxtree.ValFatalError;
import org.camunda.feel.syntaxtree.ZonedTime;
import org.camunda.feel.valuemapper.ValueMapper;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Turns FEEL values ({@link Val}) and the Scala values dmn-scala hands out into plain Java that
 * Jackson writes as JSON without extra modules beyond java.time: Map (insertion ordered), List,
 * String, Boolean, Long for whole numbers, BigDecimal otherwise, java.time types, null.
 */
public final class FeelValues {

  private static final ValueMapper VALUE_MAPPER = ValueMapper.defaultValueMapper();
  private static final BigDecimal LONG_MIN = BigDecimal.valueOf(Long.MIN_VALUE);
  private static final BigDecimal LONG_MAX = BigDecimal.valueOf(Long.MAX_VALUE);

  private FeelValues() {}

  public static Object toJava(Object value) {
    if (value == null || value instanceof ValError || value instanceof ValFatalError) {
      return null; // a failed evaluation has no value; its message travels separately
    }
    if (value instanceof Val val) {
      return toJava(
          VALUE_MAPPER.unpackVal(val)); // FEEL's own mapper, then clean up its Scala types
    }
    if (value instanceof scala.Option<?> option) {
      return option.isDefined() ? toJava(option.get()) : null; // dmn-scala's "no result" is None
    }
    if (value instanceof scala.math.BigDecimal number) {
      return toJava(number.bigDecimal());
    }
    if (value instanceof BigDecimal number) {
      return number(number);
    }
    if (value instanceof BigInteger number) {
      return number(new BigDecimal(number));
    }
    if (value instanceof scala.collection.Map<?, ?> map) {
      return toJava(CollectionConverters.asJava(map));
    }
    if (value instanceof scala.collection.Iterable<?> items) {
      return toJava(CollectionConverters.asJava(items));
    }
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> result = new LinkedHashMap<>();
      map.forEach((key, item) -> result.put(String.valueOf(key), toJava(item)));
      return Collections.unmodifiableMap(result);
    }
    if (value instanceof Iterable<?> items) {
      List<Object> result = new ArrayList<>();
      items.forEach(item -> result.add(toJava(item)));
      return Collections.unmodifiableList(result);
    }
    if (value instanceof ZonedTime time) {
      return time.toOffsetTime(); // FEEL's time with offset has no java.time twin but OffsetTime
    }
    if (value.getClass().getName().startsWith("scala.")
        || value.getClass().getName().startsWith("org.camunda.")) {
      return value.toString(); // ranges, functions: nothing JSON-friendly to map them to
    }
    return value; // String, Boolean, java.time types, Java numbers
  }

  // whole numbers as Long (what JSON readers expect for 3), the rest exactly as BigDecimal
  private static Object number(BigDecimal number) {
    BigDecimal stripped = number.stripTrailingZeros();
    if (stripped.scale() <= 0) {
      if (stripped.compareTo(LONG_MIN) >= 0 && stripped.compareTo(LONG_MAX) <= 0) {
        return stripped.longValueExact();
      }
      return stripped.setScale(0); // plain digits, not 1.2E+19
    }
    return stripped;
  }
}

package io.tandem.engine.dmn;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetTime;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.feel.syntaxtree.Val;
import org.camunda.feel.syntaxtree.ValBoolean;
import org.camunda.feel.syntaxtree.ValDate;
import org.camunda.feel.syntaxtree.ValDayTimeDuration;
import org.camunda.feel.syntaxtree.ValError;
import org.camunda.feel.syntaxtree.ValList;
import org.camunda.feel.syntaxtree.ValNull$;
import org.camunda.feel.syntaxtree.ValNumber;
import org.camunda.feel.syntaxtree.ValString;
import org.camunda.feel.syntaxtree.ValTime;
import org.camunda.feel.syntaxtree.ValYearMonthDuration;
import org.camunda.feel.syntaxtree.ZonedTime;
import org.junit.jupiter.api.Test;
import scala.jdk.javaapi.CollectionConverters;

class FeelValuesTest {

  @Test
  void shouldMapWholeNumbersToLongAndOthersToBigDecimal() {
    assertThat(FeelValues.toJava(number("95.00"))).isEqualTo(95L);
    assertThat(FeelValues.toJava(number("-3"))).isEqualTo(-3L);
    assertThat(FeelValues.toJava(number("0.950"))).isEqualTo(new BigDecimal("0.95"));
    assertThat(FeelValues.toJava(number("12345678901234567890")))
        .isEqualTo(new BigDecimal("12345678901234567890"))
        .hasToString("12345678901234567890");
    assertThat(FeelValues.toJava(decimal("2.5"))).isEqualTo(new BigDecimal("2.5"));
  }

  @Test
  void shouldMapScalarsAndTemporals() {
    assertThat(FeelValues.toJava(new ValString("x"))).isEqualTo("x");
    assertThat(FeelValues.toJava(new ValBoolean(true))).isEqualTo(true);
    assertThat(FeelValues.toJava(ValNull$.MODULE$)).isNull();
    assertThat(FeelValues.toJava(new ValDate(LocalDate.of(2025, 1, 31))))
        .isEqualTo(LocalDate.of(2025, 1, 31));
    assertThat(FeelValues.toJava(new ValDayTimeDuration(Duration.ofHours(49))))
        .isEqualTo(Duration.ofHours(49));
    assertThat(FeelValues.toJava(new ValYearMonthDuration(Period.of(1, 2, 0))))
        .isEqualTo(Period.of(1, 2, 0));
    OffsetTime time = OffsetTime.of(10, 15, 0, 0, ZoneOffset.ofHours(1));
    assertThat(FeelValues.toJava(new ValTime(ZonedTime.of(time)))).isEqualTo(time);
  }

  @Test
  void shouldMapFailuresAndScalaNoneToNull() {
    assertThat(FeelValues.toJava(new ValError("boom"))).isNull();
    assertThat(FeelValues.toJava(scala.Option.empty())).isNull();
    assertThat(FeelValues.toJava(scala.Option.apply(number("1")))).isEqualTo(1L);
  }

  @Test
  void shouldMapCollectionsDeeply() {
    List<Val> items = List.of(number("1"), new ValString("a"), ValNull$.MODULE$);
    ValList list = new ValList(CollectionConverters.asScala(items).toList());
    assertThat(FeelValues.toJava(list)).isEqualTo(java.util.Arrays.asList(1L, "a", null));

    Map<String, Object> nested = new LinkedHashMap<>();
    nested.put("n", decimal("1.50"));
    nested.put("items", CollectionConverters.asScala(List.of(decimal("2"))).toList());
    Object scalaMap = scala.collection.immutable.Map.from(CollectionConverters.asScala(nested));
    assertThat(FeelValues.toJava(Map.of("outer", scalaMap)))
        .isEqualTo(Map.of("outer", Map.of("n", new BigDecimal("1.5"), "items", List.of(2L))));
  }

  @Test
  void shouldGiveValuesJacksonWritesAsPlainJson() throws Exception {
    ObjectMapper json =
        new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    Map<String, Object> value = new LinkedHashMap<>();
    value.put("n", FeelValues.toJava(number("0.95")));
    value.put("whole", FeelValues.toJava(number("3.0")));
    value.put("big", FeelValues.toJava(number("12345678901234567890")));
    value.put("day", FeelValues.toJava(new ValDate(LocalDate.of(2025, 1, 31))));
    value.put("time", FeelValues.toJava(new ValTime(ZonedTime.of(LocalTime.NOON, ZoneOffset.UTC))));

    assertThat(json.writeValueAsString(value))
        .isEqualTo(
            "{\"n\":0.95,\"whole\":3,\"big\":12345678901234567890,\"day\":\"2025-01-31\",\"time\":\"12:00Z\"}");
  }

  private static ValNumber number(String value) {
    return new ValNumber(decimal(value));
  }

  private static scala.math.BigDecimal decimal(String value) {
    return scala.math.BigDecimal$.MODULE$.apply(value);
  }
}

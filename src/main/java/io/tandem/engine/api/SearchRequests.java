package io.tandem.engine.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.camunda.client.protocol.rest.BasicStringFilterProperty;
import io.camunda.client.protocol.rest.DateTimeFilterProperty;
import io.camunda.client.protocol.rest.ElementInstanceStateFilterProperty;
import io.camunda.client.protocol.rest.IntegerFilterProperty;
import io.camunda.client.protocol.rest.ProcessInstanceStateFilterProperty;
import io.camunda.client.protocol.rest.SearchQueryPageRequest;
import io.camunda.client.protocol.rest.SearchQueryPageResponse;
import io.camunda.client.protocol.rest.SortOrderEnum;
import io.camunda.client.protocol.rest.StringFilterProperty;
import io.camunda.client.protocol.rest.UserTaskStateFilterProperty;
import io.camunda.client.protocol.rest.VariableValueFilterProperty;
import io.tandem.engine.store.Search;
import io.tandem.engine.store.Search.Criterion;
import io.tandem.engine.store.Search.Match;
import io.tandem.engine.store.Search.Op;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Camunda's search request shape ({@code filter}, {@code sort}, {@code page}) read strictly into
 * the client's generated request classes and turned into a {@link Search.Query}; and the page part
 * of the responses. Advanced filters take a plain value as shorthand for {@code $eq}. Unknown
 * fields, malformed values, and limits out of range are the caller's error (400), never ours.
 */
final class SearchRequests {

  private static final String UNKNOWN = "unknown_default_open_api";

  /** Request bodies: unknown properties are errors, as Camunda's gateway treats them. */
  static final ObjectMapper STRICT = JsonMapper.builder()
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
      .addModule(new SimpleModule().setDeserializerModifier(new PlainValueShorthand()))
      .build();

  private SearchRequests() {}

  /** Reads a request body; no body is an empty request. */
  static <T> T read(JsonNode body, Class<T> type) {
    try {
      if (body == null || body.isNull() || body.isMissingNode()) {
        return STRICT.readValue("{}", type);
      }
      if (!body.isObject()) {
        throw new InvalidRequest("Expected the request body to be a JSON object, but it was " + body.getNodeType());
      }
      return STRICT.treeToValue(body, type);
    } catch (UnrecognizedPropertyException e) {
      throw new InvalidRequest("Unknown field '%s'; known fields there are %s".formatted(
          path(e), e.getKnownPropertyIds().stream().map(String::valueOf).sorted()
              .collect(Collectors.joining(", ", "[", "]"))));
    } catch (JsonMappingException e) {
      throw new InvalidRequest("Invalid value for '%s': %s".formatted(path(e), e.getOriginalMessage()));
    } catch (JsonProcessingException e) {
      throw new InvalidRequest("Unreadable request body: " + e.getOriginalMessage());
    }
  }

  private static String path(JsonMappingException e) {
    return e.getPath().stream()
        .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
        .collect(Collectors.joining(".")).replace(".[", "[");
  }

  // --- page and sort ------------------------------------------------------------------------

  static Search.PageRequest page(SearchQueryPageRequest page) {
    if (page == null) {
      return Search.PageRequest.first(Search.PageRequest.DEFAULT_LIMIT);
    }
    int limit = page.getLimit() == null ? Search.PageRequest.DEFAULT_LIMIT : page.getLimit();
    if (limit < 1 || limit > Search.PageRequest.MAX_LIMIT) {
      throw new InvalidRequest("Expected the page limit to be between 1 and %d, but was %d"
          .formatted(Search.PageRequest.MAX_LIMIT, limit));
    }
    int from = page.getFrom() == null ? 0 : page.getFrom();
    if (from < 0) {
      throw new InvalidRequest("Expected the page's from to be 0 or more, but was " + from);
    }
    if (page.getAfter() != null && page.getBefore() != null) {
      throw new InvalidRequest("Expected at most one of the page's after and before cursors, but got both");
    }
    if (from > 0 && (page.getAfter() != null || page.getBefore() != null)) {
      throw new InvalidRequest("Expected either an offset (from) or a cursor (after, before), but got both");
    }
    return new Search.PageRequest(limit, from, blankToNull(page.getAfter()), blankToNull(page.getBefore()));
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }

  /** Sort criteria; {@code field} gives a criterion's field enum, {@code order} its order. */
  static <S> List<Search.Sort> sort(List<S> sorts, Function<S, ? extends Enum<?>> field,
      Function<S, SortOrderEnum> order) {
    List<Search.Sort> result = new ArrayList<>();
    if (sorts == null) {
      return result;
    }
    for (S sort : sorts) {
      if (sort == null) {
        throw new InvalidRequest("Expected each sort criterion to be an object, but one is null");
      }
      Enum<?> f = field.apply(sort);
      if (f == null) {
        throw new InvalidRequest("Expected a field for each sort criterion, but one has none");
      }
      if (UNKNOWN.equals(f.toString())) {
        throw new InvalidRequest("Unknown sort field; expected one of " + values(f.getDeclaringClass()));
      }
      SortOrderEnum o = order.apply(sort);
      if (o == SortOrderEnum.UNKNOWN_DEFAULT_OPEN_API) {
        throw new InvalidRequest("Unknown sort order; expected ASC or DESC");
      }
      result.add(new Search.Sort(f.toString(), o == SortOrderEnum.DESC));
    }
    return result;
  }

  private static String values(Class<?> enumType) {
    return Arrays.stream(enumType.getEnumConstants()).map(String::valueOf)
        .filter(v -> !UNKNOWN.equals(v)).collect(Collectors.joining(", ", "[", "]"));
  }

  static SearchQueryPageResponse page(Search.Page<?> page) {
    return new SearchQueryPageResponse().totalItems(page.totalItems())
        .hasMoreTotalItems(page.hasMoreTotalItems())
        .startCursor(page.startCursor()).endCursor(page.endCursor());
  }

  /** Dates in responses: ISO 8601 in UTC. */
  static String date(Instant instant) {
    return instant == null ? null : DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(instant.atOffset(ZoneOffset.UTC));
  }

  static Instant parseDate(String field, String value) {
    try {
      return OffsetDateTime.parse(value).toInstant();
    } catch (DateTimeParseException | NullPointerException e) {
      throw new InvalidRequest(("The provided %s '%s' cannot be parsed as a date-time;"
          + " expected RFC 3339 (e.g. 2025-03-01T10:00:00Z)").formatted(field, value));
    }
  }

  static long parseKey(String field, String value) {
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException | NullPointerException e) {
      throw new InvalidRequest("Expected %s to be a numeric key, but was '%s'".formatted(field, value));
    }
  }

  // --- filters ------------------------------------------------------------------------------

  /** Collects the criteria of a Camunda filter, field by field; absent fields add nothing. */
  static final class Filters {
    private final List<Criterion> criteria = new ArrayList<>();

    List<Criterion> criteria() {
      return criteria;
    }

    Filters add(Criterion criterion) {
      criteria.add(criterion);
      return this;
    }

    /** The Java client sends empty {@code $in} and {@code $notIn} lists: they constrain nothing. */
    private static boolean present(List<?> values) {
      return values != null && !values.isEmpty();
    }

    private Filters match(String field, Op op, Object value) {
      criteria.add(new Match(field, op, value));
      return this;
    }

    private Filters exists(String field, Boolean exists) {
      return exists == null ? this : match(field, exists ? Op.EXISTS : Op.NOT_EXISTS, null);
    }

    Filters key(String field, String value) {
      return value == null ? this : match(field, Op.EQ, parseKey(field, value));
    }

    Filters key(String field, BasicStringFilterProperty p) {
      if (p == null) {
        return this;
      }
      if (p.get$Eq() != null) {
        match(field, Op.EQ, parseKey(field, p.get$Eq()));
      }
      if (p.get$Neq() != null) {
        match(field, Op.NEQ, parseKey(field, p.get$Neq()));
      }
      if (present(p.get$In())) {
        match(field, Op.IN, p.get$In().stream().map(v -> parseKey(field, v)).toList());
      }
      if (present(p.get$NotIn())) {
        match(field, Op.NOT_IN, p.get$NotIn().stream().map(v -> parseKey(field, v)).toList());
      }
      return exists(field, p.get$Exists());
    }

    Filters string(String field, String value) {
      return value == null ? this : match(field, Op.EQ, value);
    }

    Filters string(String field, StringFilterProperty p) {
      if (p == null) {
        return this;
      }
      if (p.get$Eq() != null) {
        match(field, Op.EQ, p.get$Eq());
      }
      if (p.get$Neq() != null) {
        match(field, Op.NEQ, p.get$Neq());
      }
      if (present(p.get$In())) {
        match(field, Op.IN, List.copyOf(p.get$In()));
      }
      if (present(p.get$NotIn())) {
        match(field, Op.NOT_IN, List.copyOf(p.get$NotIn()));
      }
      if (p.get$Like() != null) {
        match(field, Op.LIKE, p.get$Like());
      }
      return exists(field, p.get$Exists());
    }

    Filters integer(String field, Integer value) {
      return value == null ? this : match(field, Op.EQ, value);
    }

    Filters integer(String field, IntegerFilterProperty p) {
      if (p == null) {
        return this;
      }
      if (p.get$Eq() != null) {
        match(field, Op.EQ, p.get$Eq());
      }
      if (p.get$Neq() != null) {
        match(field, Op.NEQ, p.get$Neq());
      }
      if (p.get$Gt() != null) {
        match(field, Op.GT, p.get$Gt());
      }
      if (p.get$Gte() != null) {
        match(field, Op.GTE, p.get$Gte());
      }
      if (p.get$Lt() != null) {
        match(field, Op.LT, p.get$Lt());
      }
      if (p.get$Lte() != null) {
        match(field, Op.LTE, p.get$Lte());
      }
      if (present(p.get$In())) {
        match(field, Op.IN, List.copyOf(p.get$In()));
      }
      return exists(field, p.get$Exists());
    }

    Filters date(String field, DateTimeFilterProperty p) {
      if (p == null) {
        return this;
      }
      if (p.get$Eq() != null) {
        match(field, Op.EQ, parseDate(field, p.get$Eq()));
      }
      if (p.get$Neq() != null) {
        match(field, Op.NEQ, parseDate(field, p.get$Neq()));
      }
      if (p.get$Gt() != null) {
        match(field, Op.GT, parseDate(field, p.get$Gt()));
      }
      if (p.get$Gte() != null) {
        match(field, Op.GTE, parseDate(field, p.get$Gte()));
      }
      if (p.get$Lt() != null) {
        match(field, Op.LT, parseDate(field, p.get$Lt()));
      }
      if (p.get$Lte() != null) {
        match(field, Op.LTE, parseDate(field, p.get$Lte()));
      }
      if (present(p.get$In())) {
        match(field, Op.IN, p.get$In().stream().map(v -> parseDate(field, v)).toList());
      }
      return exists(field, p.get$Exists());
    }

    Filters bool(String field, Boolean value) {
      return value == null ? this : match(field, Op.EQ, value);
    }

    /** A plain enum filter (element type, incident state): its value as the column holds it. */
    Filters enumeration(String field, Enum<?> value) {
      return value == null ? this : match(field, Op.EQ, known(field, value));
    }

    Filters state(String field, UserTaskStateFilterProperty p) {
      return p == null ? this : state(field, p.get$Eq(), p.get$Neq(), p.get$Exists(), p.get$In(), p.get$Like());
    }

    Filters state(String field, ProcessInstanceStateFilterProperty p) {
      return p == null ? this : state(field, p.get$Eq(), p.get$Neq(), p.get$Exists(), p.get$In(), p.get$Like());
    }

    Filters state(String field, ElementInstanceStateFilterProperty p) {
      return p == null ? this : state(field, p.get$Eq(), p.get$Neq(), p.get$Exists(), p.get$In(), p.get$Like());
    }

    private Filters state(String field, Enum<?> eq, Enum<?> neq, Boolean exists, List<? extends Enum<?>> in,
        String like) {
      if (eq != null) {
        match(field, Op.EQ, known(field, eq));
      }
      if (neq != null) {
        match(field, Op.NEQ, known(field, neq));
      }
      if (present(in)) {
        match(field, Op.IN, in.stream().map(v -> known(field, v)).toList());
      }
      if (like != null) {
        match(field, Op.LIKE, like);
      }
      return exists(field, exists);
    }

    private static String known(String field, Enum<?> value) {
      if (UNKNOWN.equals(value.toString())) {
        throw new InvalidRequest("Unknown value for filter field '%s'; expected one of %s"
            .formatted(field, values(value.getDeclaringClass())));
      }
      return value.toString();
    }

    /**
     * Variable filters: each is a variable with that name whose value matches. Camunda documents
     * the value as JSON text ({@code "\"c4\""}); the Java client's map shorthand sends a string's
     * content ({@code "c4"}): a string variable matches either.
     */
    Filters variables(String relation, List<VariableValueFilterProperty> variables) {
      if (variables == null) {
        return this;
      }
      for (VariableValueFilterProperty variable : variables) {
        if (variable == null || variable.getName() == null || variable.getName().isBlank()) {
          throw new InvalidRequest("Expected each variable filter of '%s' to have a name".formatted(relation));
        }
        List<Criterion> matches = new ArrayList<>(new Filters().string("name", variable.getName()).criteria());
        List<Criterion> asJson = new Filters().string("value", variable.getValue()).criteria();
        List<Criterion> asText = new Filters().string("textValue", variable.getValue()).criteria();
        if (!asJson.isEmpty()) {
          matches.add(new Search.AnyOf(List.of(asJson, asText)));
        }
        criteria.add(new Search.Related(relation, matches));
      }
      return this;
    }

    /** Fields Tandem's engine has no data for yet: refused rather than silently ignored. */
    Filters unsupported(String field, Object value) {
      if (value != null) {
        throw new InvalidRequest("The filter field '%s' is not supported by Tandem's engine yet".formatted(field));
      }
      return this;
    }
  }

  /**
   * An advanced filter ({@code {"$eq": …, "$in": […]}}) also takes a plain value for {@code $eq},
   * as Camunda's API allows.
   */
  private static final class PlainValueShorthand extends BeanDeserializerModifier {
    @Override
    public JsonDeserializer<?> modifyDeserializer(DeserializationConfig config, BeanDescription description,
        JsonDeserializer<?> deserializer) {
      boolean advanced = description.findProperties().stream().anyMatch(p -> "$eq".equals(p.getName()));
      return advanced ? new PlainValueDeserializer(deserializer) : deserializer;
    }
  }

  private static final class PlainValueDeserializer extends DelegatingDeserializer {
    PlainValueDeserializer(JsonDeserializer<?> delegate) {
      super(delegate);
    }

    @Override
    protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> delegate) {
      return new PlainValueDeserializer(delegate);
    }

    @Override
    public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      if (p.currentToken() != null && p.currentToken().isScalarValue()) {
        ObjectNode eq = JsonNodeFactory.instance.objectNode();
        eq.set("$eq", p.readValueAsTree());
        JsonParser wrapped = eq.traverse(p.getCodec());
        wrapped.nextToken();
        return _delegatee.deserialize(wrapped, ctxt);
      }
      return super.deserialize(p, ctxt);
    }
  }
}

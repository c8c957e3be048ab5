package io.tandem.engine.processing;

import java.util.LinkedHashMap;
import java.util.Map;

/** Mapping targets like {@code a.b.c}: nested into a copy of the existing context value. */
final class VariablePaths {

  private VariablePaths() {}

  @SuppressWarnings("unchecked")
  static void put(Map<String, Object> result, String target, Object value, Map<String, Object> existing) {
    String[] path = target.split("\\.");
    if (path.length == 1) {
      result.put(target, value);
      return;
    }
    Object root = result.containsKey(path[0]) ? result.get(path[0]) : existing.get(path[0]);
    Map<String, Object> copy = root instanceof Map<?, ?> m ? deepCopy((Map<String, Object>) m) : new LinkedHashMap<>();
    Map<String, Object> current = copy;
    for (int i = 1; i < path.length - 1; i++) {
      Object next = current.get(path[i]);
      Map<String, Object> nested = next instanceof Map<?, ?> m ? deepCopy((Map<String, Object>) m) : new LinkedHashMap<>();
      current.put(path[i], nested);
      current = nested;
    }
    current.put(path[path.length - 1], value);
    result.put(path[0], copy);
  }

  private static Map<String, Object> deepCopy(Map<String, Object> map) {
    return new LinkedHashMap<>(map);
  }
}

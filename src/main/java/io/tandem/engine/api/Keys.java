package io.tandem.engine.api;

/** Camunda's REST API carries keys as strings; both APIs default the tenant alike. */
public final class Keys {

  private Keys() {}

  static long parse(String value, String name) {
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException | NullPointerException e) {
      throw new InvalidRequest("Expected %s to be a numeric key, but was '%s'".formatted(name, value));
    }
  }

  static String format(long key) {
    return Long.toString(key);
  }

  public static final String DEFAULT_TENANT = "<default>";

  public static String tenant(String tenantId) {
    return tenantId == null || tenantId.isBlank() ? DEFAULT_TENANT : tenantId;
  }
}

package io.tandem.webhooks;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/** What a webhook URL must be before a delivery to it is accepted. */
public final class WebhookUrls {

  static final int MAX_LENGTH = 2048;

  private WebhookUrls() {}

  /**
   * Checks a webhook URL: absolute, {@code http} or {@code https}, with a host, a valid port, no
   * credentials and no fragment. Does not resolve the host (private and loopback addresses pass).
   *
   * @return why it is unacceptable, or empty when it is fine
   */
  public static Optional<String> validate(String url) {
    if (url == null || url.isBlank()) {
      return Optional.of("a webhook URL is required");
    }
    if (url.length() > MAX_LENGTH) {
      return Optional.of("a webhook URL must not be longer than " + MAX_LENGTH + " characters");
    }
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      return Optional.of("not a valid URL: " + e.getMessage());
    }
    if (!uri.isAbsolute()) {
      return Optional.of("a webhook URL must be absolute, starting with http:// or https://");
    }
    String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      return Optional.of("a webhook URL must use http or https, not " + uri.getScheme());
    }
    if (uri.getRawUserInfo() != null) {
      return Optional.of(
          "a webhook URL must not contain credentials (user:password@); receivers authenticate"
              + " Tandem by the X-Tandem-Signature header");
    }
    if (uri.getHost() == null || uri.getHost().isBlank()) {
      return Optional.of("a webhook URL must name a valid host");
    }
    if (uri.getPort() > 65_535) {
      return Optional.of("a webhook URL's port must be at most 65535");
    }
    if (uri.getRawFragment() != null) {
      return Optional.of("a webhook URL must not have a fragment (#...): it is never sent");
    }
    return Optional.empty();
  }
}

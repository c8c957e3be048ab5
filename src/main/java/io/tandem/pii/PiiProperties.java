package io.tandem.pii;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code tandem.pii.*}.
 *
 * @param salt secret for the hashes of masked values; keep it stable (and secret) so that hashes
 *     link equal values across restarts. Without one, a random salt links them within a run only.
 * @param phoneRegions countries whose national phone formats are recognised (international numbers
 *     with a {@code +} always are)
 */
@ConfigurationProperties("tandem.pii")
record PiiProperties(String salt, @DefaultValue({"US", "GB"}) List<String> phoneRegions) {}

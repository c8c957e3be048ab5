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
 * @param personNames also mask person names in English text (OpenNLP part-of-speech tags and a list
 *     of first names): off by default, as it suits well-formed prose (precision 0.93, recall 0.81 on
 *     held-out sentences) but not chat-style text (on SMS: precision 0.40, recall 0.11); see {@link
 *     PersonNameDetector}
 */
@ConfigurationProperties("tandem.pii")
record PiiProperties(String salt, @DefaultValue({"US", "GB"}) List<String> phoneRegions,
    @DefaultValue("false") boolean personNames) {}

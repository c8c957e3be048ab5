package io.tandem.privacy;

import java.nio.file.Path;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code tandem.privacy.*}.
 *
 * @param key base64 of the 32-byte AES key that seals new raw inputs ({@code TANDEM_PRIVACY_KEY});
 *     empty to use the key file
 * @param previousKeys base64 keys that sealed older inputs and must still open them (rotation)
 * @param keyFile where the key is kept when {@code key} is empty; on the embedded database a key is
 *     generated there (owner-only) on first start
 */
@ConfigurationProperties("tandem.privacy")
record PrivacyProperties(String key, @DefaultValue List<String> previousKeys, Path keyFile) {}

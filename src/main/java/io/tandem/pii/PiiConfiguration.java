package io.tandem.pii;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Creates the PII masker from {@code tandem.pii.*}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PiiProperties.class)
class PiiConfiguration {

  private static final Logger LOG = LoggerFactory.getLogger(PiiConfiguration.class);

  @Bean
  PiiMasker piiMasker(PiiProperties properties) {
    byte[] salt;
    if (properties.salt() == null || properties.salt().isBlank()) {
      LOG.warn(
          "tandem.pii.salt is not set: hashes of masked values link them within this run only");
      salt = new byte[32];
      new SecureRandom().nextBytes(salt);
    } else {
      salt = properties.salt().getBytes(StandardCharsets.UTF_8);
    }
    return properties.personNames()
        ? PiiMasker.withPersonNames(salt, properties.phoneRegions())
        : PiiMasker.standard(salt, properties.phoneRegions());
  }
}

package io.tandem.privacy;

import io.tandem.system.NoExternalDatabaseCondition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/** The cipher that seals raw inputs, keyed from {@code tandem.privacy.*}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PrivacyProperties.class)
class PrivacyConfiguration {

  private static final Logger LOG = LoggerFactory.getLogger(PrivacyConfiguration.class);

  @Bean
  InputCipher inputCipher(PrivacyProperties properties, Environment environment) {
    PrivacyKeys.Keys keys = PrivacyKeys.resolve(properties, NoExternalDatabaseCondition.embedded(environment));
    InputCipher cipher = new InputCipher(keys.current(), keys.previous());
    LOG.info("Raw inputs are sealed with AES-256-GCM under key {} ({} previous key(s) accepted)",
        cipher.currentKeyId(), keys.previous().size());
    return cipher;
  }
}

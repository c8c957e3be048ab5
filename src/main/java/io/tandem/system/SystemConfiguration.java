package io.tandem.system;

import java.time.Clock;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@ConfigurationPropertiesScan("io.tandem")
class SystemConfiguration {

  /** The app's time, injectable so tests can control it. */
  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }
}

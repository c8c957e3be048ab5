package io.tandem.system;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/** True when neither {@code spring.datasource.url} nor {@code TANDEM_DB_URL} names a database. */
public class NoExternalDatabaseCondition implements Condition {

  @Override
  public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
    return embedded(context.getEnvironment());
  }

  /** True when Tandem runs on its embedded PostgreSQL. */
  public static boolean embedded(Environment environment) {
    return !StringUtils.hasText(environment.getProperty("spring.datasource.url"));
  }
}

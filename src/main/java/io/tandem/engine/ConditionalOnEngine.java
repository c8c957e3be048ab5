package io.tandem.engine;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;

/** Present only when the embedded engine is on ({@code tandem.engine.enabled}, default true). */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@ConditionalOnProperty(name = "tandem.engine.enabled", havingValue = "true", matchIfMissing = true)
public @interface ConditionalOnEngine {}

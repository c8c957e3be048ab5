package io.tandem.engine.expression;

import java.util.function.Function;

/** A value or the reason there is none: expected failures are values, not exceptions. */
public sealed interface Result<T> {

  record Ok<T>(T value) implements Result<T> {}

  record Fail<T>(String message) implements Result<T> {}

  static <T> Result<T> ok(T value) {
    return new Ok<>(value);
  }

  static <T> Result<T> fail(String message) {
    return new Fail<>(message);
  }

  default boolean isOk() {
    return this instanceof Ok;
  }

  default T value() {
    if (this instanceof Ok<T> ok) {
      return ok.value();
    }
    throw new IllegalStateException("no value: " + ((Fail<T>) this).message());
  }

  default String failure() {
    return this instanceof Fail<T> fail ? fail.message() : null;
  }

  @SuppressWarnings("unchecked")
  default <R> Result<R> flatMap(Function<T, Result<R>> next) {
    return this instanceof Ok<T> ok ? next.apply(ok.value()) : (Result<R>) this;
  }

  @SuppressWarnings("unchecked")
  default <R> Result<R> map(Function<T, R> next) {
    return this instanceof Ok<T> ok ? Result.ok(next.apply(ok.value())) : (Result<R>) this;
  }
}

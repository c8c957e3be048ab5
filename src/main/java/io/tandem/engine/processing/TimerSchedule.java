package io.tandem.engine.processing;

import io.tandem.engine.expression.Result;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;

/** ISO 8601 durations, dates and repeating intervals ({@code R5/PT10S}) of timer events. */
record TimerSchedule(Instant firstDue, int repetitions, String interval) {

  static Result<TimerSchedule> duration(String text, Instant now) {
    return parseDuration(text, now).map(due -> new TimerSchedule(due, 1, null));
  }

  static Result<TimerSchedule> date(String text) {
    try {
      return Result.ok(new TimerSchedule(ZonedDateTime.parse(text.trim()).toInstant(), 1, null));
    } catch (DateTimeParseException zoned) {
      try {
        return Result.ok(new TimerSchedule(OffsetDateTime.parse(text.trim()).toInstant(), 1, null));
      } catch (DateTimeParseException e) {
        return Result.fail("Invalid date-time format '%s' for timer".formatted(text));
      }
    }
  }

  /** {@code R/PT1M} repeats forever (-1), {@code R3/PT1M} three times. */
  static Result<TimerSchedule> cycle(String text, Instant now) {
    String trimmed = text.trim();
    if (!trimmed.startsWith("R")) {
      return Result.fail("Tandem's engine supports ISO 8601 repeating intervals (R<n>/<duration>) but not '%s'".formatted(text));
    }
    int slash = trimmed.indexOf('/');
    if (slash < 0) {
      return Result.fail("Invalid timer cycle '%s'".formatted(text));
    }
    String count = trimmed.substring(1, slash);
    int repetitions;
    try {
      repetitions = count.isEmpty() ? -1 : Integer.parseInt(count);
    } catch (NumberFormatException e) {
      return Result.fail("Invalid timer cycle '%s'".formatted(text));
    }
    String interval = trimmed.substring(slash + 1);
    return parseDuration(interval, now).map(due -> new TimerSchedule(due, repetitions, interval));
  }

  static Result<Instant> parseDuration(String text, Instant from) {
    String trimmed = text.trim();
    try {
      int t = trimmed.indexOf('T');
      if (t < 0) {
        return Result.ok(from.atZone(ZoneOffset.UTC).plus(Period.parse(trimmed)).toInstant());
      }
      String datePart = trimmed.substring(0, t);
      Instant base = datePart.equals("P") ? from
          : from.atZone(ZoneOffset.UTC).plus(Period.parse(datePart)).toInstant();
      return Result.ok(base.plus(Duration.parse("P" + trimmed.substring(t))));
    } catch (DateTimeParseException e) {
      return Result.fail("Invalid duration format '%s' for timer".formatted(text));
    }
  }
}

package io.tandem.engine.clock;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/**
 * The engine's time. Tests pin it ({@code PUT /v2/clock}) so that timers fire without waiting;
 * only allowed when the engine is configured with a controllable clock.
 */
public final class EngineClock {

  private final boolean controllable;
  private volatile Instant pinned;

  public EngineClock(boolean controllable) {
    this.controllable = controllable;
  }

  public Instant now() {
    Instant at = pinned;
    return at != null ? at : Instant.now();
  }

  public ZonedDateTime zonedNow() {
    return now().atZone(ZoneOffset.UTC);
  }

  public boolean isControllable() {
    return controllable;
  }

  public void pin(Instant at) {
    pinned = at;
  }

  public void reset() {
    pinned = null;
  }
}

package io.tandem.engine.store;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Hands out unique keys from a PostgreSQL sequence in blocks of 1000, so most keys cost no round
 * trip. Sequences are never rolled back, so a key is never handed out twice, even after a crash.
 *
 * <p>A new block is fetched without holding the monitor: a caller outside a transaction needs a
 * pooled connection for it, and must not make callers that hold connections wait on the monitor
 * meanwhile (with a small pool, that is a deadlock). Two threads may fetch a block at once; the
 * lower one is then dropped, so keys keep increasing.
 */
public final class KeyGenerator {

  private static final int BLOCK = 1000;
  private final JdbcTemplate jdbc;
  private long next;
  private long end;

  public KeyGenerator(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  public long nextKey() {
    while (true) {
      synchronized (this) {
        if (next < end) {
          return next++;
        }
      }
      long start = jdbc.queryForObject("select nextval('engine_key')", Long.class);
      synchronized (this) {
        if (start >= end) {
          next = start;
          end = start + BLOCK;
        }
      }
    }
  }
}

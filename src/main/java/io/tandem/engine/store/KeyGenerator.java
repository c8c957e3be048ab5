package io.tandem.engine.store;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Hands out unique keys from a PostgreSQL sequence in blocks of 1000, so most keys cost no round
 * trip. Sequences are never rolled back, so a key is never handed out twice, even after a crash.
 */
public final class KeyGenerator {

  private static final int BLOCK = 1000;
  private final JdbcTemplate jdbc;
  private long next;
  private long end;

  public KeyGenerator(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  public synchronized long nextKey() {
    if (next == end) {
      next = jdbc.queryForObject("select nextval('engine_key')", Long.class);
      end = next + BLOCK;
    }
    return next++;
  }
}

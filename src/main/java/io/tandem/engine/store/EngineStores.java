package io.tandem.engine.store;

import org.springframework.jdbc.core.JdbcTemplate;

/** The engine's tables, one store each. */
public record EngineStores(
    JdbcTemplate jdbc,
    KeyGenerator keys,
    InstanceStore instances,
    InstanceWrites writes,
    JobStore jobs,
    TimerStore timers,
    MessageStore messages,
    IncidentStore incidents,
    ResourceStore resources,
    ProjectionStore projections,
    UserTaskStore userTasks,
    EngineQueries queries) {

  public EngineStores(JdbcTemplate jdbc) {
    this(jdbc, new KeyGenerator(jdbc));
  }

  private EngineStores(JdbcTemplate jdbc, KeyGenerator keys) {
    this(jdbc, keys, new InstanceStore(jdbc), new InstanceWrites(jdbc), new JobStore(jdbc),
        new TimerStore(jdbc), new MessageStore(jdbc), new IncidentStore(jdbc),
        new ResourceStore(jdbc), new ProjectionStore(jdbc, keys), new UserTaskStore(jdbc),
        new EngineQueries(jdbc));
  }
}

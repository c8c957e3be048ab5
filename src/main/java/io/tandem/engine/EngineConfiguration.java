package io.tandem.engine;

import io.tandem.engine.clock.EngineClock;
import io.tandem.engine.expression.ExpressionService;
import io.tandem.engine.model.ProcessCompiler;
import io.tandem.engine.dmn.DecisionRepository;
import io.tandem.engine.processing.Engine;
import io.tandem.engine.processing.EngineNotifications;
import io.tandem.engine.scheduler.EngineScheduler;
import io.tandem.engine.store.EngineStores;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Wires the embedded engine; switched off when Tandem runs against a real Camunda 8 cluster. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnEngine
public class EngineConfiguration {

  @Bean
  EngineClock engineClock(@Value("${tandem.engine.clock.controllable:false}") boolean controllable) {
    return new EngineClock(controllable);
  }

  @Bean
  EngineStores engineStores(JdbcTemplate jdbc) {
    return new EngineStores(jdbc);
  }

  @Bean
  DecisionRepository decisionRepository(EngineStores stores) {
    return new DecisionRepository(stores.resources(), stores.keys());
  }

  /** {@code committers}: threads that group commands on instances into shared transactions (group commit). */
  @Bean(destroyMethod = "close")
  Engine engine(EngineStores stores, PlatformTransactionManager transactionManager, EngineClock clock,
      DecisionRepository decisions, @Value("${tandem.engine.committers:2}") int committers) {
    ExpressionService expressions = new ExpressionService(clock::zonedNow);
    return new Engine(stores, new TransactionTemplate(transactionManager), clock, expressions,
        new ProcessCompiler(expressions), new EngineNotifications(), decisions, List.of(decisions), committers);
  }

  /**
   * The group commit on /actuator/prometheus: batches committed and the commands they carried (their
   * ratio is the batch size), commands that ran alone after a rollback, and commands queued now.
   */
  @Bean
  MeterBinder groupCommitMetrics(Engine engine) {
    return registry -> {
      FunctionCounter.builder("tandem.engine.group.commit.batches", engine,
              e -> e.groupCommitStats().batches())
          .description("Batches of commands committed in one transaction").register(registry);
      FunctionCounter.builder("tandem.engine.group.commit.commands", engine,
              e -> e.groupCommitStats().batchedCommands())
          .tag("outcome", "batched").description("Commands committed in a batch").register(registry);
      FunctionCounter.builder("tandem.engine.group.commit.commands", engine,
              e -> e.groupCommitStats().commandsRunAlone())
          .tag("outcome", "alone").description("Commands run alone after their batch was rolled back")
          .register(registry);
      Gauge.builder("tandem.engine.group.commit.queued", engine, e -> e.groupCommitStats().queued())
          .description("Commands waiting for a committer").register(registry);
    };
  }

  @Bean(destroyMethod = "close")
  EngineScheduler engineScheduler(Engine engine,
      @Value("${tandem.engine.scheduler.interval-ms:100}") long intervalMillis) {
    EngineScheduler scheduler = engine.scheduler();
    scheduler.start(intervalMillis);
    return scheduler;
  }
}

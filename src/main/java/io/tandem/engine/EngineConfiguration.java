package io.tandem.engine;

import io.tandem.engine.clock.EngineClock;
import io.tandem.engine.expression.ExpressionService;
import io.tandem.engine.model.ProcessCompiler;
import io.tandem.engine.dmn.DecisionRepository;
import io.tandem.engine.processing.Engine;
import io.tandem.engine.processing.EngineNotifications;
import io.tandem.engine.scheduler.EngineScheduler;
import io.tandem.engine.store.EngineStores;
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

  @Bean(destroyMethod = "close")
  EngineScheduler engineScheduler(Engine engine,
      @Value("${tandem.engine.scheduler.interval-ms:100}") long intervalMillis) {
    EngineScheduler scheduler = engine.scheduler();
    scheduler.start(intervalMillis);
    return scheduler;
  }
}

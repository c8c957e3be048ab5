package io.tandem.engine.api.grpc;

import io.grpc.ServerInterceptor;
import io.tandem.engine.ConditionalOnEngine;
import io.tandem.engine.api.DecisionEvaluations;
import io.tandem.engine.api.JobLongPolling;
import io.tandem.engine.processing.Engine;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The Zeebe gRPC gateway beside the REST API, on Zeebe's port 26500 unless configured otherwise. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnEngine
class GatewayConfiguration {

  @Bean
  @ConditionalOnProperty(name = "tandem.engine.grpc.enabled", havingValue = "true", matchIfMissing = true)
  GatewayServer gatewayServer(Engine engine, JobLongPolling longPolling, DecisionEvaluations decisions,
      @Value("${tandem.engine.grpc.port:26500}") int port,
      @Value("${tandem.engine.grpc.threads:16}") int threads, List<ServerInterceptor> interceptors) {
    return new GatewayServer(new GatewayService(engine, longPolling, decisions), interceptors, port, threads);
  }
}

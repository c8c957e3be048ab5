package io.tandem.engine.api.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camunda.zeebe.gateway.protocol.GatewayGrpc;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.TopologyRequest;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.TopologyResponse;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The server alone: a free port for port 0, answers on it, and stops listening when stopped. */
class GatewayServerTest {

  /** Answers the topology with one broker; every other method is unimplemented. */
  private static final class TopologyOnly extends GatewayGrpc.GatewayImplBase {
    @Override
    public void topology(TopologyRequest request, StreamObserver<TopologyResponse> observer) {
      observer.onNext(TopologyResponse.newBuilder().setClusterSize(1).build());
      observer.onCompleted();
    }
  }

  @Test
  void shouldListenOnAFreePortForPortZeroAndNoLongerOnceStopped() throws InterruptedException {
    // given
    GatewayServer server = new GatewayServer(new TopologyOnly(), List.of(), 0, 2);
    server.start();
    ManagedChannel channel = ManagedChannelBuilder.forAddress("localhost", server.port()).usePlaintext().build();
    try {
      var gateway = GatewayGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS);
      assertThat(server.port()).isPositive();
      assertThat(gateway.topology(TopologyRequest.getDefaultInstance()).getClusterSize()).isEqualTo(1);

      // when
      server.stop();

      // then
      assertThat(server.isRunning()).isFalse();
      assertThatThrownBy(() -> GatewayGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS)
          .topology(TopologyRequest.getDefaultInstance()))
          .isInstanceOfSatisfying(StatusRuntimeException.class,
              e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE));
    } finally {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
  }
}

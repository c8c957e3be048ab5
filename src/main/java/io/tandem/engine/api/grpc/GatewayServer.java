package io.tandem.engine.api.grpc;

import io.grpc.BindableService;
import io.grpc.Server;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.netty.NettyServerBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * The Netty server of the Zeebe gRPC gateway. Calls run on a bounded pool, never on Netty's event loop,
 * since commands block on JDBC; long polls and create-with-result wait without holding a thread.
 */
public final class GatewayServer implements SmartLifecycle {

  private static final Logger LOG = LoggerFactory.getLogger(GatewayServer.class);
  /** Camunda's client pings every 45 s by default; Netty's default minimum (5 min) would refuse that. */
  private static final long PERMIT_KEEP_ALIVE_SECONDS = 30;
  /** Zeebe's gateway's default; the largest deployment it accepts in one request. */
  private static final int MAX_MESSAGE_BYTES = 4 * 1024 * 1024;
  private static final int QUEUED_CALLS = 10_000;
  /** How long in-flight calls may finish on shutdown before the rest are cancelled. */
  private static final long GRACE_SECONDS = 3;

  private final Server server;
  private final ThreadPoolExecutor executor;
  private volatile boolean running;

  /**
   * @param interceptors run around every call, first one outermost: how the application around the engine
   *     adds what the engine does not know of, such as who may call it
   */
  public GatewayServer(BindableService service, List<ServerInterceptor> interceptors, int port, int threads) {
    AtomicInteger counter = new AtomicInteger();
    this.executor = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS,
        new ArrayBlockingQueue<>(QUEUED_CALLS), r -> {
          Thread thread = new Thread(r, "grpc-gateway-" + counter.incrementAndGet());
          thread.setDaemon(true);
          return thread;
        });
    this.server = NettyServerBuilder.forPort(port)
        .executor(executor)
        .addService(ServerInterceptors.interceptForward(service, interceptors))
        .permitKeepAliveTime(PERMIT_KEEP_ALIVE_SECONDS, TimeUnit.SECONDS)
        .permitKeepAliveWithoutCalls(true)
        .maxInboundMessageSize(MAX_MESSAGE_BYTES)
        .build();
  }

  @Override
  public void start() {
    try {
      server.start();
    } catch (IOException e) {
      throw new UncheckedIOException("The gRPC gateway could not listen on its port"
          + " (tandem.engine.grpc.port; 0 takes any free one)", e);
    }
    running = true;
    LOG.info("Zeebe gRPC gateway listening on port {}", port());
  }

  @Override
  public void stop() {
    running = false;
    server.shutdown();
    try {
      if (!server.awaitTermination(GRACE_SECONDS, TimeUnit.SECONDS)) {
        server.shutdownNow().awaitTermination(GRACE_SECONDS, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      server.shutdownNow();
      Thread.currentThread().interrupt();
    } finally {
      executor.shutdown();
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  /** The port the server listens on: the configured one, or the one it was given for port 0. */
  public int port() {
    return server.getPort();
  }
}

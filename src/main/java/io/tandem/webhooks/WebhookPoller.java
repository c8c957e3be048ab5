package io.tandem.webhooks;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Sends due webhooks on this node: every {@code poll-interval}, and straight again while there are
 * full batches to send. Off with {@code tandem.webhooks.enabled=false}.
 */
@Component
@ConditionalOnProperty(prefix = "tandem.webhooks", name = "enabled", havingValue = "true", matchIfMissing = true)
class WebhookPoller implements SmartLifecycle {

  private static final Logger LOG = LoggerFactory.getLogger(WebhookPoller.class);

  private final WebhookDispatcher dispatcher;
  private final WebhookProperties properties;
  private volatile ScheduledExecutorService executor;
  private int failedPolls; // consecutive; only the poller thread touches it

  WebhookPoller(WebhookDispatcher dispatcher, WebhookProperties properties) {
    this.dispatcher = dispatcher;
    this.properties = properties;
  }

  @Override
  public synchronized void start() {
    if (executor != null) {
      return;
    }
    executor =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "tandem-webhooks");
              thread.setDaemon(true);
              return thread;
            });
    executor.scheduleWithFixedDelay(
        this::poll, 0, properties.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
    LOG.info("Webhook poller started, polling every {}", properties.pollInterval());
  }

  @Override
  public synchronized void stop() {
    ScheduledExecutorService running = executor;
    if (running == null) {
      return;
    }
    executor = null;
    running.shutdown();
    try {
      // let the attempts in flight record their outcomes; a longer one is sent again after its lease
      if (!running.awaitTermination(
          properties.connectTimeout().plus(properties.requestTimeout()).plusSeconds(2).toMillis(),
          TimeUnit.MILLISECONDS)) {
        running.shutdownNow();
      }
    } catch (InterruptedException e) {
      running.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public boolean isRunning() {
    return executor != null;
  }

  private void poll() {
    try {
      int attempted;
      do {
        attempted = dispatcher.deliverDue();
      } while (attempted >= properties.batchSize() && isRunning());
      if (failedPolls > 0) {
        LOG.info("Webhook polling works again after {} failed polls", failedPolls);
        failedPolls = 0;
      }
    } catch (RuntimeException e) {
      // keep polling: a database outage must not end webhook delivery on this node; log it once
      if (failedPolls++ == 0) {
        LOG.warn("Webhook poll failed; retrying every {}", properties.pollInterval(), e);
      } else {
        LOG.debug("Webhook poll failed again ({} in a row): {}", failedPolls, e.toString());
      }
    }
  }
}

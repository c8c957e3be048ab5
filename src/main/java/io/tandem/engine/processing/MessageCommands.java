package io.tandem.engine.processing;

import io.tandem.engine.clock.EngineClock;
import io.tandem.engine.store.KeyGenerator;
import io.tandem.engine.store.MessageStore;
import io.tandem.engine.store.MessageStore.MessageRow;
import io.tandem.engine.store.MessageStore.SubscriptionRow;
import io.tandem.engine.store.MessageStore.WaitingSubscription;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Message publication (correlated to every waiting process, at most once each, and buffered for
 * its time to live) and direct correlation (likewise, unbuffered, or rejected when none waits).
 */
public final class MessageCommands {

  public record Correlated(long messageKey, Long processInstanceKey) {}

  private final InstanceTransactions transactions;
  private final MessageStore messages;
  private final EventSubscriptions subscriptions;
  private final KeyGenerator keys;
  private final EngineClock clock;

  public MessageCommands(InstanceTransactions transactions, MessageStore messages,
      EventSubscriptions subscriptions, KeyGenerator keys, EngineClock clock) {
    this.transactions = transactions;
    this.messages = messages;
    this.subscriptions = subscriptions;
    this.keys = keys;
    this.clock = clock;
  }

  public long publish(String name, String correlationKey, Duration timeToLive, String messageId,
      Map<String, Object> variables, String tenantId) {
    requireName(name, "PUBLISH");
    String correlation = correlationKey == null ? "" : correlationKey;
    Map<String, Object> document = variables == null ? Map.of() : new LinkedHashMap<>(variables);
    return transactions.inTransaction(() -> {
      Instant now = clock.now();
      if (messageId != null && !messageId.isEmpty()) {
        // an expired message keeps its row until the scheduler sweeps it, yet its id is free again
        messages.deleteExpired(name, messageId, tenantId, now);
      }
      if (messageId != null && !messageId.isEmpty()
          && messages.messageIdExists(name, messageId, tenantId, now)) {
        throw new Rejection.RejectedCommand(new Rejection(Rejection.Type.ALREADY_EXISTS, "PUBLISH",
            "Expected to publish a new message with id '%s', but a message with that id was already published"
                .formatted(messageId)));
      }
      long messageKey = keys.nextKey();
      if (timeToLive != null && !timeToLive.isZero() && !timeToLive.isNegative()) {
        messages.insertMessage(new MessageRow(messageKey, name, correlation,
            messageId == null || messageId.isEmpty() ? null : messageId, document,
            now.plus(timeToLive), tenantId));
      }
      correlateOncePerProcess(name, correlation, tenantId, messageKey, document);
      return messageKey;
    });
  }

  public Correlated correlate(String name, String correlationKey, Map<String, Object> variables,
      String tenantId) {
    requireName(name, "CORRELATE");
    String correlation = correlationKey == null ? "" : correlationKey;
    Map<String, Object> document = variables == null ? Map.of() : new LinkedHashMap<>(variables);
    return transactions.inTransaction(() -> {
      long messageKey = keys.nextKey();
      List<Long> correlated = correlateOncePerProcess(name, correlation, tenantId, messageKey, document);
      if (!correlated.isEmpty()) {
        return new Correlated(messageKey, correlated.get(0));
      }
      throw Rejection.notFound("CORRELATE", "Expected to find subscription for message with name"
          + " '%s' and correlation key '%s', but none was found.", name, correlation);
    });
  }

  /**
   * Camunda correlates a message to every process waiting for it, but to one subscription of each
   * (by BPMN process id) only. Instances are locked in key order so publications can't deadlock.
   * Returns the instances that got the message.
   */
  private List<Long> correlateOncePerProcess(String name, String correlationKey, String tenantId,
      long messageKey, Map<String, Object> variables) {
    Set<String> processes = new HashSet<>();
    List<Long> correlated = new ArrayList<>();
    for (WaitingSubscription waiting : messages.subscriptions(name, correlationKey, tenantId)) {
      if (!processes.contains(waiting.bpmnProcessId())
          && correlateLocked(waiting.subscription(), messageKey, variables)) {
        processes.add(waiting.bpmnProcessId());
        correlated.add(waiting.subscription().processInstanceKey());
      }
    }
    return correlated;
  }

  private boolean correlateLocked(SubscriptionRow subscription, long messageKey, Map<String, Object> variables) {
    return transactions.onLockedInstance(subscription.processInstanceKey(), ctx -> {
      if (messages.subscription(subscription.key()).isEmpty()) {
        return false;
      }
      subscriptions.correlate(ctx, subscription, messageKey, variables);
      return true;
    }).orElse(false);
  }

  private static void requireName(String name, String command) {
    if (name == null || name.isBlank()) {
      throw Rejection.invalidArgument(command, "Expected a message name, but none was given");
    }
  }
}

package io.tandem.webhooks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tandem.audit.AuditEventType;
import io.tandem.audit.AuditLog;
import io.tandem.webhooks.WebhookRepository.Claimed;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Callbacks to clients when something about their case is final, sent through an outbox.
 *
 * <p>{@link #enqueue} stores a delivery in the caller's transaction, so a callback goes out only
 * if the business change it announces committed. {@link #deliverDue()} (run by {@link
 * WebhookPoller} on every node where {@code tandem.webhooks.enabled}) claims due deliveries with
 * {@code FOR UPDATE SKIP LOCKED}, POSTs each as JSON, and records every attempt: a 2xx makes it
 * DELIVERED; anything else is retried with exponential backoff until {@code max-attempts}, then it
 * is FAILED. Final outcomes are written to the audit log.
 *
 * <p>Delivery is at least once: when a node stops after a receiver got a request but before the
 * outcome is recorded, the delivery is sent again once the attempt's lease ran out, and a timeout
 * on Tandem's side can follow a request the receiver did process. Receivers dedupe on {@code
 * X-Tandem-Delivery} and verify {@code X-Tandem-Signature} (see {@link WebhookSignature}).
 *
 * <p>The request: {@code POST} with {@code Content-Type: application/json} and the body
 *
 * <pre>{@code
 * {"deliveryId":"<uuid>","eventType":"DECIDED","caseId":"c-1","createdAt":"<ISO-8601>",
 *  "timestamp":<epoch seconds of this attempt>,"payload":{...}}
 * }</pre>
 *
 * and the headers {@code X-Tandem-Delivery} (the delivery id, the same on every attempt), {@code
 * X-Tandem-Event} (the event type), {@code X-Tandem-Timestamp} (the body's {@code timestamp}) and
 * {@code X-Tandem-Signature} (omitted when no secret is configured). Redirects are not followed.
 */
@Service
public class WebhookDispatcher {

  static final String ACTOR = "webhooks";
  private static final Logger LOG = LoggerFactory.getLogger(WebhookDispatcher.class);
  private static final int MAX_ERROR_LENGTH = 1_000;

  private final WebhookRepository repository;
  private final AuditLog auditLog;
  private final ObjectMapper json;
  private final WebhookProperties properties;
  private final TransactionTemplate transactions;
  private final Clock clock;
  private final HttpClient http;

  @Autowired
  WebhookDispatcher(
      WebhookRepository repository,
      AuditLog auditLog,
      ObjectMapper json,
      WebhookProperties properties,
      PlatformTransactionManager transactionManager,
      ObjectProvider<Clock> clock) {
    this(repository, auditLog, json, properties, transactionManager, clock.getIfAvailable(Clock::systemUTC));
  }

  /** A dispatcher of its own, as another node would have; for tests. */
  WebhookDispatcher(
      WebhookRepository repository,
      AuditLog auditLog,
      ObjectMapper json,
      WebhookProperties properties,
      PlatformTransactionManager transactionManager,
      Clock clock) {
    this.repository = repository;
    this.auditLog = auditLog;
    this.json = json;
    this.properties = properties;
    this.transactions = new TransactionTemplate(transactionManager);
    this.clock = clock;
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(properties.connectTimeout())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    if (!hasSecret()) {
      LOG.warn("tandem.webhooks.secret is not set: webhooks are sent without X-Tandem-Signature");
    }
  }

  /**
   * Stores a delivery to send, in the caller's transaction if there is one; the poller sends it
   * after that transaction commits.
   *
   * @param caseId the case it is about
   * @param url where to POST; see {@link WebhookUrls#validate}
   * @param eventType sent as {@code X-Tandem-Event}, e.g. {@code DECIDED}
   * @param payload the body's {@code payload}, serialized as a JSON object
   * @throws IllegalArgumentException for an unacceptable URL or a missing case or event type
   */
  @Transactional
  public WebhookDelivery enqueue(String caseId, String url, String eventType, Map<String, ?> payload) {
    Optional<String> invalidUrl = WebhookUrls.validate(url);
    if (invalidUrl.isPresent()) {
      throw new IllegalArgumentException(invalidUrl.get());
    }
    if (caseId == null || caseId.isBlank()) {
      throw new IllegalArgumentException("a webhook delivery needs a case id");
    }
    if (eventType == null || eventType.isBlank()) {
      throw new IllegalArgumentException("a webhook delivery needs an event type");
    }
    UUID id = UUID.randomUUID();
    repository.insert(id, caseId, url, eventType, write(payload == null ? Map.of() : payload), clock.instant());
    return repository.find(id).orElseThrow();
  }

  public Optional<WebhookDelivery> find(UUID id) {
    return repository.find(id);
  }

  public List<WebhookDelivery> forCase(String caseId) {
    return repository.forCase(caseId);
  }

  /** Every attempt at a delivery, in order. */
  public List<WebhookAttempt> attempts(UUID deliveryId) {
    return repository.attempts(deliveryId);
  }

  /** The {@code X-Tandem-Signature} value of a body under the configured secret. */
  public String signatureFor(byte[] body) {
    if (!hasSecret()) {
      throw new IllegalStateException("tandem.webhooks.secret is not set");
    }
    return WebhookSignature.signatureFor(properties.secret(), body);
  }

  /**
   * Claims the due deliveries (up to {@code batch-size}), sends them in parallel and records the
   * outcomes. Safe to run on several nodes and threads at once.
   *
   * @return how many attempts were made
   */
  int deliverDue() {
    Instant now = clock.instant();
    UUID claimToken = UUID.randomUUID();
    List<Claimed> claimed =
        transactions.execute(
            status ->
                repository.claimDue(
                    now, properties.batchSize(), now.plus(properties.attemptLease()), claimToken));
    if (claimed == null || claimed.isEmpty()) {
      return 0;
    }
    List<Claimed> toSend = new ArrayList<>();
    for (Claimed delivery : claimed) {
      if (delivery.attempt() > properties.maxAttempts()) {
        // claimed before, by a node that stopped before it recorded the outcome of the last attempt
        finish(delivery, claimToken, now, now, null, "no outcome recorded for the last attempt");
      } else {
        toSend.add(delivery);
      }
    }
    List<CompletableFuture<HttpResponse<Void>>> responses = new ArrayList<>();
    for (Claimed delivery : toSend) {
      responses.add(send(delivery, now));
    }
    Duration wait = properties.connectTimeout().plus(properties.requestTimeout()).plusSeconds(1);
    long deadline = System.nanoTime() + wait.toNanos();
    for (int i = 0; i < toSend.size(); i++) {
      Claimed delivery = toSend.get(i);
      Integer statusCode = null;
      String error;
      try {
        HttpResponse<Void> response =
            responses.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        statusCode = response.statusCode();
        error = statusCode / 100 == 2 ? null : "HTTP " + statusCode;
      } catch (TimeoutException e) {
        responses.get(i).cancel(true);
        error = "no response within " + wait;
      } catch (ExecutionException e) {
        error = describe(e.getCause());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        error = "interrupted while waiting for the response";
      }
      finish(delivery, claimToken, now, clock.instant(), statusCode, error);
    }
    return claimed.size();
  }

  private CompletableFuture<HttpResponse<Void>> send(Claimed delivery, Instant now) {
    try {
      long timestamp = now.getEpochSecond();
      byte[] body = body(delivery, timestamp);
      HttpRequest.Builder request =
          HttpRequest.newBuilder(URI.create(delivery.url()))
              .timeout(properties.requestTimeout())
              .header("Content-Type", "application/json")
              .header("User-Agent", "Tandem-Webhooks")
              .header("X-Tandem-Delivery", delivery.id().toString())
              .header("X-Tandem-Event", delivery.eventType())
              .header("X-Tandem-Timestamp", Long.toString(timestamp))
              .POST(HttpRequest.BodyPublishers.ofByteArray(body));
      if (hasSecret()) {
        request.header(WebhookSignature.HEADER, signatureFor(body));
      }
      return http.sendAsync(request.build(), HttpResponse.BodyHandlers.discarding());
    } catch (RuntimeException e) { // a URL the HTTP client refuses, a payload it cannot serialize
      return CompletableFuture.failedFuture(e);
    }
  }

  private byte[] body(Claimed delivery, long timestamp) {
    try {
      ObjectNode body = json.createObjectNode();
      body.put("deliveryId", delivery.id().toString());
      body.put("eventType", delivery.eventType());
      body.put("caseId", delivery.caseId());
      body.put("createdAt", delivery.createdAt().toString());
      body.put("timestamp", timestamp);
      JsonNode payload = json.readTree(delivery.payloadJson());
      body.set("payload", payload);
      return json.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("unreadable payload of webhook delivery " + delivery.id(), e);
    }
  }

  private void finish(
      Claimed delivery, UUID claimToken, Instant startedAt, Instant finishedAt, Integer statusCode, String error) {
    DeliveryStatus status;
    Instant nextAttemptAt = null;
    if (error == null) {
      status = DeliveryStatus.DELIVERED;
    } else if (delivery.attempt() >= properties.maxAttempts()) {
      status = DeliveryStatus.FAILED;
    } else {
      status = DeliveryStatus.PENDING;
      nextAttemptAt =
          finishedAt.plus(
              properties.backoff().delayAfter(delivery.attempt(), ThreadLocalRandom.current().nextDouble()));
    }
    Instant retryAt = nextAttemptAt;
    transactions.executeWithoutResult(
        tx -> {
          repository.insertAttempt(
              new WebhookAttempt(
                  delivery.id(), delivery.attempt(), startedAt, finishedAt, statusCode, error));
          boolean claimHeld =
              repository.finish(delivery.id(), claimToken, status, retryAt, statusCode, error, finishedAt);
          if (!claimHeld) {
            LOG.warn(
                "Webhook delivery {} attempt {} took longer than its lease; another attempt owns it now",
                delivery.id(),
                delivery.attempt());
          } else if (status != DeliveryStatus.PENDING) {
            audit(delivery, status, statusCode, error);
          }
        });
    if (status == DeliveryStatus.FAILED) {
      LOG.warn(
          "Webhook delivery {} to {} failed after {} attempts: {}",
          delivery.id(), withoutQuery(delivery.url()), delivery.attempt(), error);
    }
  }

  private void audit(Claimed delivery, DeliveryStatus status, Integer statusCode, String error) {
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("deliveryId", delivery.id().toString());
    payload.put("url", withoutQuery(delivery.url())); // the audit log is forever; query strings carry tokens
    payload.put("eventType", delivery.eventType());
    payload.put("attempts", delivery.attempt());
    payload.put("statusCode", statusCode);
    if (error != null) {
      payload.put("error", error);
    }
    auditLog.append(
        delivery.caseId(),
        status == DeliveryStatus.DELIVERED ? AuditEventType.WEBHOOK_DELIVERED : AuditEventType.WEBHOOK_FAILED,
        ACTOR,
        payload);
  }

  private boolean hasSecret() {
    return properties.secret() != null && !properties.secret().isEmpty();
  }

  private String write(Map<String, ?> payload) {
    try {
      return json.writeValueAsString(payload);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("webhook payload is not serializable as JSON", e);
    }
  }

  private static String describe(Throwable failure) {
    String message = failure.getMessage();
    String described =
        failure.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : ": " + message);
    return described.length() <= MAX_ERROR_LENGTH ? described : described.substring(0, MAX_ERROR_LENGTH);
  }

  private static String withoutQuery(String url) {
    URI uri = URI.create(url);
    return uri.getScheme() + "://" + uri.getRawAuthority() + (uri.getRawPath() == null ? "" : uri.getRawPath());
  }
}

package io.tandem.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tandem.audit.AuditRepository.ChainHead;
import io.tandem.audit.AuditRepository.StoredEvent;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The append-only, hash-chained record of what happened to every case (EU AI Act Art. 12).
 *
 * <p>One global chain: each event's hash covers its fields and the previous event's hash (see
 * {@link AuditHashing} for the exact bytes), so altering, inserting or removing any event breaks
 * every later link, which {@link #verify()} finds. The table rejects UPDATE, DELETE and TRUNCATE
 * by trigger.
 *
 * <p>{@link #append} joins the caller's transaction: the event is recorded if and only if the
 * business change it describes commits, and a rollback leaves no gap. The price of one gapless
 * chain is that appends are serialized on the chain head's row lock, held until the appending
 * transaction ends; so append last in a transaction and keep that transaction short. A caller in
 * REPEATABLE READ or SERIALIZABLE may get a serialization failure when another append committed
 * since its snapshot, and should retry.
 */
@Service
public class AuditLog {

  /** The actor of what Tandem does by itself. */
  public static final String SYSTEM = "system";

  private static final Pattern EVENT_TYPE = Pattern.compile("[A-Z][A-Z0-9_]{0,63}");

  private final AuditRepository repository;
  private final ObjectMapper json;
  private final Clock clock;

  AuditLog(AuditRepository repository, ObjectMapper json, ObjectProvider<Clock> clock) {
    this.repository = repository;
    this.json = json;
    this.clock = clock.getIfAvailable(Clock::systemUTC);
  }

  /**
   * Appends an event to the chain, in the caller's transaction if there is one.
   *
   * @param caseId the case; null for an event of no one case
   * @param eventType upper snake case, usually one of {@link AuditEventType}
   * @param actor a user id, {@link #SYSTEM}, or a worker's name
   * @param payload details, serialized as a JSON object; null for none
   * @return the event as stored, with its sequence and hash
   */
  @Transactional
  public AuditEvent append(String caseId, String eventType, String actor, Map<String, ?> payload) {
    check(eventType, actor);
    String payloadJson = repository.normalize(write(payload == null ? Map.of() : payload));
    return appendAfter(repository.lockHead(), caseId, eventType, actor, payloadJson);
  }

  /**
   * Appends an event unless the case has one of this type already whose payload holds the same
   * value under {@code onceKey}: for work that may run more than once, like a job delivered again
   * (its job key makes a good {@code onceKey} value). The check runs under the chain head's lock,
   * so two runs at the same time still record one event.
   *
   * @param payload details, with a value under {@code onceKey}
   * @return the event appended, or empty when the case had it already
   */
  @Transactional
  public Optional<AuditEvent> appendOnce(
      String caseId, String eventType, String actor, Map<String, ?> payload, String onceKey) {
    Object once = payload == null ? null : payload.get(onceKey);
    if (caseId == null || once == null) {
      throw new IllegalArgumentException("appending once needs a case and a payload value under " + onceKey);
    }
    check(eventType, actor);
    String payloadJson = repository.normalize(write(payload));
    ChainHead head = repository.lockHead();
    if (repository.hasEvent(caseId, eventType, write(Map.of(onceKey, once)))) {
      return Optional.empty();
    }
    return Optional.of(appendAfter(head, caseId, eventType, actor, payloadJson));
  }

  private static void check(String eventType, String actor) {
    if (eventType == null || !EVENT_TYPE.matcher(eventType).matches()) {
      throw new IllegalArgumentException(
          "event type must be upper snake case (like DECIDED), got: " + eventType);
    }
    if (actor == null || actor.isBlank()) {
      throw new IllegalArgumentException("an audit event needs an actor");
    }
  }

  /** Links an event after the chain head, which the caller has locked. */
  private AuditEvent appendAfter(
      ChainHead head, String caseId, String eventType, String actor, String payloadJson) {
    Instant occurredAt = AuditHashing.storable(clock.instant());
    long sequence = head.sequence() + 1;
    String hash =
        AuditHashing.hash(sequence, caseId, eventType, actor, occurredAt, payloadJson, head.hash());
    StoredEvent event =
        new StoredEvent(sequence, caseId, eventType, actor, occurredAt, payloadJson, head.hash(), hash);
    repository.insert(event);
    return repository.toEvent(event);
  }

  /** The events of one case, in chain order; empty when there are none. */
  @Transactional(readOnly = true)
  public List<AuditEvent> forCase(String caseId) {
    return repository.forCase(caseId).stream().map(repository::toEvent).toList();
  }

  /**
   * Recomputes every hash in chain order and reports the first broken link: an
   * event whose hash does not match its content, whose previous hash is not the hash of the event
   * before, a missing sequence number, or events missing at the end (the chain head remembers the
   * last one appended). Runs in a transaction of its own, on one snapshot, even when called inside
   * another: a walk over a moving chain would see phantom breaks.
   */
  @Transactional(
      propagation = Propagation.REQUIRES_NEW,
      readOnly = true,
      isolation = Isolation.REPEATABLE_READ)
  public ChainVerification verify() {
    ChainHead head = repository.head();
    Walk walk = new Walk();
    repository.scan(walk::check);
    if (walk.broken != null) {
      return walk.broken;
    }
    if (walk.last != head.sequence()) {
      return walk.last < head.sequence()
          ? ChainVerification.broken(
              walk.checked,
              walk.last + 1,
              "the chain head records %d events but the log ends at %d: events were removed"
                  .formatted(head.sequence(), walk.last))
          : ChainVerification.broken(
              walk.checked - (walk.last - head.sequence()),
              head.sequence() + 1,
              "events after %d were not appended through the chain head".formatted(head.sequence()));
    }
    if (!walk.previousHash.equals(head.hash())) {
      return ChainVerification.broken(
          walk.checked - 1, walk.last, "the last event's hash differs from the chain head's");
    }
    return ChainVerification.intact(walk.checked);
  }

  private String write(Map<String, ?> payload) {
    try {
      return json.writeValueAsString(payload);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("audit payload is not serializable as JSON", e);
    }
  }

  /** The state of one pass over the chain. */
  private static final class Walk {
    long checked;
    long last;
    String previousHash = AuditHashing.GENESIS;
    ChainVerification broken;

    boolean check(StoredEvent event) {
      long expected = last + 1;
      if (event.sequence() != expected) {
        return stop(expected, "event %d is missing: the next event is %d"
            .formatted(expected, event.sequence()));
      }
      if (!event.previousHash().equals(previousHash)) {
        return stop(expected, "its previous_hash is not the hash of event %d".formatted(last));
      }
      String recomputed =
          AuditHashing.hash(
              event.sequence(),
              event.caseId(),
              event.eventType(),
              event.actor(),
              event.occurredAt(),
              event.payloadJson(),
              event.previousHash());
      if (!recomputed.equals(event.hash())) {
        return stop(expected, "its content does not match its hash: it was altered");
      }
      checked++;
      last = event.sequence();
      previousHash = event.hash();
      return true;
    }

    private boolean stop(long sequence, String reason) {
      broken = ChainVerification.broken(checked, sequence, "event %d: %s".formatted(sequence, reason));
      return false;
    }
  }
}

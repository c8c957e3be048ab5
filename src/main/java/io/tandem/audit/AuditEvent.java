package io.tandem.audit;

import java.time.Instant;
import java.util.Map;

/**
 * One link of the audit chain, as stored.
 *
 * @param sequence the chain order, gapless from 1
 * @param caseId the case it concerns; null for events of no one case (a kill switch change)
 * @param eventType see {@link AuditEventType}
 * @param actor who: a user id, {@value AuditLog#SYSTEM}, or a worker's name
 * @param occurredAt when, to the microsecond
 * @param payload the event's details, as a JSON object
 * @param previousHash the hash of the event before, or 64 zeros for the first
 * @param hash lowercase hex SHA-256 of this event's canonical form (see {@link AuditHashing})
 */
public record AuditEvent(
    long sequence,
    String caseId,
    String eventType,
    String actor,
    Instant occurredAt,
    Map<String, Object> payload,
    String previousHash,
    String hash) {}

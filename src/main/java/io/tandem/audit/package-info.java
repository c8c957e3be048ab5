/**
 * The audit log: an append-only, hash-chained record of every case event (EU AI Act Art. 12).
 *
 * <p>Public surface: {@link io.tandem.audit.AuditLog} ({@code append}, {@code appendOnce}, {@code
 * forCase}, {@code verify}), the records {@link io.tandem.audit.AuditEvent} and {@link
 * io.tandem.audit.ChainVerification}, the event names in {@link io.tandem.audit.AuditEventType},
 * and {@code GET /api/cases/{id}/audit} and {@code GET /api/audit/verification}.
 *
 * <p>Decisions, with their reasons:
 *
 * <ul>
 *   <li><b>One global chain, serialized on a chain-head row.</b> Every append locks the single row
 *       of {@code audit_chain_head} ({@code SELECT ... FOR UPDATE}) until its transaction ends,
 *       reads the last sequence and hash there, and moves the head on. The chain cannot fork, and a
 *       reader needs only one walk to check everything. The cost is that appending transactions
 *       queue up behind each other: append last, keep those transactions short.
 *   <li><b>Gapless sequence instead of a bigserial.</b> A database sequence hands out numbers
 *       outside transactions, so every rolled-back append would leave a hole that {@code verify}
 *       must report as a removed event. The head's sequence plus one, taken under the lock, rolls
 *       back with the caller and leaves none.
 *   <li><b>The hash covers what PostgreSQL stores.</b> The payload is normalized by a round trip
 *       through {@code jsonb} before it is hashed, and verification re-reads {@code payload::text};
 *       so numbers, key order and whitespace can never differ between writing and checking. The
 *       exact bytes are documented in {@link io.tandem.audit.AuditHashing}.
 *   <li><b>Defence in depth.</b> Triggers reject UPDATE, DELETE and TRUNCATE of events and any move
 *       of the head other than one step onto the event just appended; a superuser can still switch
 *       them off, which is what {@code verify} is for. Production should run the app as a role that
 *       owns neither table and has INSERT and SELECT only (and UPDATE on the head).
 * </ul>
 */
package io.tandem.audit;

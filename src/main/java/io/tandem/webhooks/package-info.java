/**
 * Webhooks: callbacks to clients when a decision is final, through a transactional outbox.
 *
 * <p>Public surface: {@link io.tandem.webhooks.WebhookDispatcher} ({@code enqueue}, {@code find},
 * {@code forCase}, {@code attempts}, {@code signatureFor}), {@link io.tandem.webhooks.WebhookUrls}
 * and {@link io.tandem.webhooks.WebhookSignature} (for receivers too: how to verify a request is in
 * its documentation). Settings: {@code tandem.webhooks.*} in {@link
 * io.tandem.webhooks.WebhookProperties}.
 *
 * <p>Decisions, with their reasons:
 *
 * <ul>
 *   <li><b>Outbox, not send-in-transaction.</b> {@code enqueue} only inserts a row in the caller's
 *       transaction; a callback for a change that rolled back is never sent, and a slow receiver
 *       never holds a business transaction open.
 *   <li><b>Claim with a lease, send outside the transaction.</b> A poll claims due rows in one
 *       {@code UPDATE ... WHERE id IN (SELECT ... FOR UPDATE SKIP LOCKED LIMIT n) RETURNING}, which
 *       counts the attempt and moves {@code next_attempt_at} to the end of a lease (connect timeout
 *       + request timeout + 30 s) under a fresh claim token; then it commits and sends. Nodes never
 *       share a claimed row, no database connection waits on HTTP, and the work of a node that
 *       died is picked up when its lease ends. An outcome is applied only while its claim token is
 *       still the row's.
 *   <li><b>At least once.</b> A node that stops between a receiver's 2xx and recording it sends
 *       again later, so receivers dedupe on {@code X-Tandem-Delivery}. Attempts are counted when
 *       claimed, so a delivery that keeps killing its sender still runs out of attempts.
 *   <li><b>Every attempt kept</b> in {@code webhook_attempt}; the final outcome (DELIVERED or
 *       FAILED) is also appended to the audit log, with the URL stripped of its query string (the
 *       audit log is forever, and query strings carry tokens).
 *   <li><b>No redirects</b> are followed and the URL is checked on enqueue ({@link
 *       io.tandem.webhooks.WebhookUrls}); private and loopback addresses are not refused yet.
 * </ul>
 */
package io.tandem.webhooks;

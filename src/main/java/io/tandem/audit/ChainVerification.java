package io.tandem.audit;

/**
 * What {@link AuditLog#verify()} found.
 *
 * @param intact true when every link holds
 * @param checkedEvents how many events were found intact, in chain order (all of them when intact)
 * @param firstBrokenSequence the sequence of the first event that is altered, missing or unlinked;
 *     null when intact
 * @param reason what is wrong there; null when intact
 */
public record ChainVerification(
    boolean intact, long checkedEvents, Long firstBrokenSequence, String reason) {

  static ChainVerification intact(long checkedEvents) {
    return new ChainVerification(true, checkedEvents, null, null);
  }

  static ChainVerification broken(long checkedEvents, long sequence, String reason) {
    return new ChainVerification(false, checkedEvents, sequence, reason);
  }
}

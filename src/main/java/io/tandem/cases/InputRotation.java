package io.tandem.cases;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Finishes a key rotation: re-seals, a batch at a time, the inputs still sealed under a previous
 * key (tandem.privacy.previous-keys), so that the previous key can be dropped once none is left.
 */
@Component
class InputRotation {

  private static final Logger LOG = LoggerFactory.getLogger(InputRotation.class);
  private static final int BATCH = 200;
  private final CaseRepository cases;

  InputRotation(CaseRepository cases) {
    this.cases = cases;
  }

  @Scheduled(fixedDelayString = "${tandem.privacy.reseal-interval:PT1M}")
  @Transactional
  public void resealStale() {
    CaseRepository.Resealed resealed = cases.resealStale(BATCH);
    if (resealed.count() > 0) {
      LOG.info("Re-sealed {} case input(s) under the current key", resealed.count());
    }
    if (!resealed.broken().isEmpty()) {
      LOG.error("Case input(s) {} do not open (altered, or sealed under a key that is not configured)",
          resealed.broken());
    }
  }
}

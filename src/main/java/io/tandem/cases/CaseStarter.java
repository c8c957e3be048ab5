package io.tandem.cases;

import io.tandem.flows.FlowProperties;
import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Starts the process instances of cases that were stored but not started: the engine was down,
 * the app crashed between storing and starting, or the flow's intake was paused and is open again.
 */
@Component
class CaseStarter {

  private final CaseRepository cases;
  private final CaseService service;
  private final FlowProperties flows;
  private final Clock clock;
  private final Duration grace;

  CaseStarter(CaseRepository cases, CaseService service, FlowProperties flows, Clock clock,
      @Value("${tandem.cases.start-retry-after:PT10S}") Duration grace) {
    this.cases = cases;
    this.service = service;
    this.flows = flows;
    this.clock = clock;
    this.grace = grace;
  }

  @Scheduled(fixedDelayString = "${tandem.cases.start-retry-interval:PT5S}")
  @Transactional
  public void startPending() {
    for (ReviewCase pending : cases.unstarted(clock.instant().minus(grace), 50)) {
      flows.flow(pending.flow()).ifPresent(flow -> service.start(pending, flow));
    }
  }
}

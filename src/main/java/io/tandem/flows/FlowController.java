package io.tandem.flows;

import io.tandem.system.ApiProblems.InvalidField;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Operations' view of the flows, and the kill switch (human on the loop). */
@RestController
@RequestMapping("/api/flows")
class FlowController {

  record ControlChange(Boolean killSwitch, Boolean paused, String changedBy, String reason) {}

  private final FlowProperties flows;
  private final FlowControl control;
  private final List<FlowEvents> events;
  private final Clock clock;

  FlowController(FlowProperties flows, FlowControl control, List<FlowEvents> events, Clock clock) {
    this.flows = flows;
    this.control = control;
    this.events = events;
    this.clock = clock;
  }

  @GetMapping
  Map<String, FlowDefinition> list() {
    return flows.flows();
  }

  @GetMapping("/{flow}/control")
  FlowControl.State state(@PathVariable String flow) {
    requireFlow(flow);
    return control.state(flow);
  }

  @PutMapping("/{flow}/control")
  @Transactional
  FlowControl.State change(@PathVariable String flow, @RequestBody ControlChange change) {
    requireFlow(flow);
    if (change.changedBy() == null || change.changedBy().isBlank()) {
      throw new InvalidField("changedBy", "who throws the switch must be named");
    }
    FlowControl.State before = control.state(flow);
    FlowControl.State after = control.set(flow,
        change.killSwitch() == null ? before.killSwitch() : change.killSwitch(),
        change.paused() == null ? before.paused() : change.paused(),
        change.changedBy(), change.reason(), clock.instant());
    events.forEach(listener -> listener.controlChanged(before, after));
    return after;
  }

  private void requireFlow(String flow) {
    if (flows.flow(flow).isEmpty()) {
      throw new InvalidField("flow", "unknown flow '%s'; known: %s".formatted(flow, flows.flows().keySet()));
    }
  }
}

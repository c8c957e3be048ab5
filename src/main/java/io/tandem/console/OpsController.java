package io.tandem.console;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.ProblemException;
import io.camunda.client.api.search.enums.ElementInstanceState;
import io.camunda.client.api.search.response.ElementInstance;
import io.camunda.client.api.search.response.Incident;
import io.camunda.client.api.statistics.response.ProcessElementStatistics;
import io.tandem.flows.FlowProperties;
import io.tandem.system.ApiProblems.Conflict;
import io.tandem.system.ApiProblems.InvalidField;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The operations console's live data: figures per flow, the process view's counts, incident retry. */
@RestController
@RequestMapping("/api/ops")
class OpsController {

  record FlowFigures(String flow, OpsQueue.QueueState queue, List<OpsMetrics.Bucket> buckets) {}

  record ElementInstanceRow(long elementInstanceKey, long processInstanceKey, String state, boolean incident,
      OffsetDateTime startDate, String caseId) {}

  private static final Set<String> UNITS = Set.of("minute", "hour", "day");

  private final FlowProperties flows;
  private final OpsMetrics metrics;
  private final OpsQueue queue;
  private final CamundaClient camunda;
  private final JdbcTemplate jdbc;

  OpsController(FlowProperties flows, OpsMetrics metrics, OpsQueue queue, CamundaClient camunda, JdbcTemplate jdbc) {
    this.flows = flows;
    this.metrics = metrics;
    this.queue = queue;
    this.camunda = camunda;
    this.jdbc = jdbc;
  }

  /** A flow's figures over the last {@code window} (ISO-8601, default PT2H) in buckets of a {@code unit}. */
  @GetMapping("/flows/{flow}/metrics")
  FlowFigures metrics(@PathVariable String flow, @RequestParam(defaultValue = "PT2H") Duration window,
      @RequestParam(defaultValue = "minute") String unit) {
    if (flows.flow(flow).isEmpty()) {
      throw new InvalidField("flow", "unknown flow '%s'; known: %s".formatted(flow, flows.flows().keySet()));
    }
    if (!UNITS.contains(unit)) {
      throw new InvalidField("unit", "unit must be one of " + UNITS);
    }
    if (window.isNegative() || window.compareTo(Duration.ofDays(31)) > 0) {
      throw new InvalidField("window", "window must be between PT0S and P31D");
    }
    return new FlowFigures(flow, queue.of(flow), metrics.buckets(flow, window, unit));
  }

  /** Per element: active instances and incidents (the diagram's badges). */
  @GetMapping("/processes/{key}/statistics")
  List<ProcessElementStatistics> statistics(@PathVariable long key) {
    return camunda.newProcessDefinitionElementStatisticsRequest(key).send().join();
  }

  /** The active instances waiting at one element, with their cases. */
  @GetMapping("/processes/{key}/elements/{elementId}/instances")
  List<ElementInstanceRow> instances(@PathVariable long key, @PathVariable String elementId) {
    List<ElementInstance> items = camunda.newElementInstanceSearchRequest()
        .filter(f -> f.processDefinitionKey(key).elementId(elementId).state(ElementInstanceState.ACTIVE))
        .page(p -> p.limit(100)).send().join().items();
    return items.stream().map(e -> new ElementInstanceRow(e.getElementInstanceKey(), e.getProcessInstanceKey(),
        e.getState().name(), Boolean.TRUE.equals(e.getIncident()),
        e.getStartDate(), caseOf(e.getProcessInstanceKey())))
        .toList();
  }

  /** Retries an incident as Camunda asks: the job gets a retry first, then the incident is resolved. */
  @PostMapping("/incidents/{key}/retry")
  ResponseEntity<Map<String, Object>> retry(@PathVariable long key) {
    Incident incident = camunda.newIncidentGetRequest(key).send().join();
    try {
      if (incident.getJobKey() != null) {
        camunda.newUpdateRetriesCommand(incident.getJobKey()).retries(1).send().join();
      }
      camunda.newResolveIncidentCommand(key).send().join();
    } catch (ProblemException e) {
      throw new Conflict("incident %d could not be retried: %s".formatted(key, e.details().getDetail()));
    }
    return ResponseEntity.ok(Map.of("incidentKey", key, "resolved", true));
  }

  private String caseOf(long processInstanceKey) {
    return jdbc.query("select id::text from review_case where process_instance_key = ?",
        rs -> rs.next() ? rs.getString(1) : null, processInstanceKey);
  }
}

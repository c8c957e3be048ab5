package io.tandem.console;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.search.enums.IncidentState;
import io.tandem.audit.AuditLog;
import io.tandem.cases.CaseService;
import io.tandem.cases.ReviewCase;
import io.tandem.cases.ReviewCase.CaseStatus;
import io.tandem.flows.FlowControl;
import io.tandem.flows.FlowProperties;
import io.tandem.system.ApiProblems.NotFound;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The operations console's pages: flows with their figures and switches, the process view,
 * incidents, and cases with their audit timeline. Lists are rendered here; charts and the
 * diagram's live counts are drawn by console.js from {@code /api/ops}.
 */
@Controller
@RequestMapping("/console")
class ConsolePage {

  private final FlowProperties flows;
  private final FlowControl control;
  private final CamundaClient camunda;
  private final CaseService cases;
  private final AuditLog audit;

  ConsolePage(FlowProperties flows, FlowControl control, CamundaClient camunda, CaseService cases, AuditLog audit) {
    this.flows = flows;
    this.control = control;
    this.camunda = camunda;
    this.cases = cases;
    this.audit = audit;
  }

  @GetMapping
  String overview(Model model) {
    model.addAttribute("flows", flows.flows().keySet().stream().sorted().map(control::state).toList());
    return "console/overview";
  }

  @GetMapping("/processes")
  String processes(Model model) {
    model.addAttribute("processes", camunda.newProcessDefinitionSearchRequest()
        .sort(s -> s.processDefinitionId().asc().version().desc()).page(p -> p.limit(100)).send().join().items());
    return "console/processes";
  }

  @GetMapping("/processes/{key}")
  String process(@PathVariable long key, Model model) {
    model.addAttribute("process", camunda.newProcessDefinitionGetRequest(key).send().join());
    return "console/process";
  }

  @GetMapping("/incidents")
  String incidents(Model model) {
    model.addAttribute("incidents", camunda.newIncidentSearchRequest()
        .filter(f -> f.state(IncidentState.ACTIVE)).sort(s -> s.creationTime().desc())
        .page(p -> p.limit(200)).send().join().items());
    return "console/incidents";
  }

  @GetMapping("/cases")
  String cases(@RequestParam(required = false) String id, @RequestParam(required = false) String flow,
      @RequestParam(required = false) CaseStatus status, Model model) {
    if (id != null && !id.isBlank()) {
      return "redirect:/console/cases/" + id.strip();
    }
    String flowFilter = flow == null || flow.isBlank() ? null : flow;
    model.addAttribute("cases", cases.list(flowFilter, status, 100, 0));
    model.addAttribute("flows", flows.flows().keySet());
    model.addAttribute("statuses", CaseStatus.values());
    model.addAttribute("flow", flowFilter);
    model.addAttribute("status", status);
    return "console/cases";
  }

  @GetMapping("/cases/{id}")
  String reviewCase(@PathVariable String id, Model model) {
    ReviewCase found;
    try {
      found = cases.get(UUID.fromString(id));
    } catch (IllegalArgumentException e) {
      throw new NotFound("no case " + id);
    }
    model.addAttribute("c", found);
    model.addAttribute("events", audit.forCase(id));
    model.addAttribute("chain", audit.verify());
    return "console/case";
  }
}

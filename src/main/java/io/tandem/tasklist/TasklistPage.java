package io.tandem.tasklist;

import io.tandem.flows.FlowProperties;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The case workers' tasklist: the page is a shell (filters, keyboard help); the queue and the open
 * task live in the browser (tasklist.js), polled from {@code /api/tasks}.
 */
@Controller
class TasklistPage {

  private final FlowProperties flows;

  TasklistPage(FlowProperties flows) {
    this.flows = flows;
  }

  @GetMapping("/tasks")
  String tasklist(Model model) {
    model.addAttribute("flows", flows.flows().keySet());
    return "tasklist";
  }
}

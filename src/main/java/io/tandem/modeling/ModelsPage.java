package io.tandem.modeling;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.ProblemException;
import io.camunda.client.api.response.DeploymentEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The analysts' models: deployed processes and decisions, each version with its diagram or table;
 * the forms Tandem ships, previewed; and an upload that deploys a .bpmn, .dmn or .form through the
 * Camunda client, showing the engine's reason (which names the element at fault) when it refuses.
 */
@Controller
@RequestMapping("/models")
class ModelsPage {

  record ShippedForm(String name, String schema) {}

  private static final Set<String> EXTENSIONS = Set.of(".bpmn", ".dmn", ".form");

  private final CamundaClient camunda;

  ModelsPage(CamundaClient camunda) {
    this.camunda = camunda;
  }

  @GetMapping
  String models(Model model) {
    model.addAttribute("processes", camunda.newProcessDefinitionSearchRequest()
        .sort(s -> s.processDefinitionId().asc().version().desc()).page(p -> p.limit(200)).send().join().items());
    model.addAttribute("decisions", camunda.newDecisionDefinitionSearchRequest()
        .sort(s -> s.decisionDefinitionId().asc().version().desc()).page(p -> p.limit(200)).send().join().items());
    model.addAttribute("forms", shippedForms().stream().map(ShippedForm::name).toList());
    return "models/models";
  }

  @GetMapping("/processes/{key}")
  String process(@PathVariable long key, Model model) {
    model.addAttribute("process", camunda.newProcessDefinitionGetRequest(key).send().join());
    return "models/process";
  }

  @GetMapping("/decisions/{key}")
  String decision(@PathVariable long key, Model model) {
    var decision = camunda.newDecisionDefinitionGetRequest(key).send().join();
    String xml = camunda.newDecisionDefinitionGetXmlRequest(key).send().join();
    model.addAttribute("decision", decision);
    model.addAttribute("table", DecisionTable.parse(xml, decision.getDmnDecisionId()));
    return "models/decision";
  }

  @GetMapping("/forms/{name}")
  String form(@PathVariable String name, Model model) {
    ShippedForm form = shippedForms().stream().filter(f -> f.name().equals(name)).findFirst()
        .orElseThrow(() -> new io.tandem.system.ApiProblems.NotFound("no form " + name));
    model.addAttribute("form", form);
    return "models/form";
  }

  @PostMapping
  String upload(@RequestParam("file") MultipartFile file, RedirectAttributes redirect) throws IOException {
    String name = file.getOriginalFilename() == null ? "" : file.getOriginalFilename();
    if (file.isEmpty() || EXTENSIONS.stream().noneMatch(name::endsWith)) {
      redirect.addFlashAttribute("error", "Choose a .bpmn, .dmn or .form file.");
      return "redirect:/models";
    }
    try {
      DeploymentEvent deployment = camunda.newDeployResourceCommand()
          .addResourceBytes(file.getBytes(), name).send().join();
      List<String> deployed = new ArrayList<>();
      deployment.getProcesses().forEach(p -> deployed.add("process %s version %d".formatted(p.getBpmnProcessId(), p.getVersion())));
      deployment.getDecisions().forEach(d -> deployed.add("decision %s version %d".formatted(d.getDmnDecisionId(), d.getVersion())));
      deployment.getForm().forEach(f -> deployed.add("form %s version %d".formatted(f.getFormId(), f.getVersion())));
      redirect.addFlashAttribute("message", "Deployed %s: %s.".formatted(name, String.join(", ", deployed)));
    } catch (ProblemException e) {
      redirect.addFlashAttribute("error", "%s was not deployed: %s".formatted(name, e.details().getDetail()));
    } catch (RuntimeException e) {
      redirect.addFlashAttribute("error", "%s was not deployed: %s".formatted(name, e.getMessage()));
    }
    return "redirect:/models";
  }

  /** The forms on the classpath ({@code models/*.form}): those Tandem deploys at start-up. */
  private static List<ShippedForm> shippedForms() {
    List<ShippedForm> forms = new ArrayList<>();
    try {
      for (Resource r : new PathMatchingResourcePatternResolver().getResources("classpath*:models/*.form")) {
        forms.add(new ShippedForm(r.getFilename(), r.getContentAsString(StandardCharsets.UTF_8)));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    forms.sort((a, b) -> a.name().compareTo(b.name()));
    return forms;
  }
}

package io.tandem.engine.api;

import io.camunda.client.protocol.rest.FormResult;
import io.tandem.engine.ConditionalOnEngine;
import io.tandem.engine.processing.Engine;
import io.tandem.engine.store.ResourceStore.ResourceRow;
import java.nio.charset.StandardCharsets;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Deployed forms by key. */
@ConditionalOnEngine
@RestController
@RequestMapping("/v2/forms")
class FormController {

  private final Engine engine;

  FormController(Engine engine) {
    this.engine = engine;
  }

  @GetMapping("/{key}")
  FormResult get(@PathVariable("key") String key) {
    long formKey = Keys.parse(key, "formKey");
    return engine.forms().byKey(formKey).map(FormController::result).orElseThrow(() ->
        new EngineProblems.NotFound("Form with key '%d' not found".formatted(formKey)));
  }

  /** Camunda returns the form's schema as the JSON text that was deployed. */
  static FormResult result(ResourceRow form) {
    return new FormResult()
        .formKey(Keys.format(form.key()))
        .formId(form.resourceId())
        .version((long) form.version())
        .schema(new String(form.content(), StandardCharsets.UTF_8))
        .tenantId(form.tenantId());
  }
}

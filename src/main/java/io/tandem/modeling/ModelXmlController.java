package io.tandem.modeling;

import io.camunda.client.CamundaClient;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** A deployed process's BPMN XML, which the models page and the console's process view draw. */
@RestController
class ModelXmlController {

  private final CamundaClient camunda;

  ModelXmlController(CamundaClient camunda) {
    this.camunda = camunda;
  }

  @GetMapping(value = "/api/models/processes/{key}/xml", produces = MediaType.TEXT_XML_VALUE)
  String processXml(@PathVariable long key) {
    return camunda.newProcessDefinitionGetXmlRequest(key).send().join();
  }
}

package io.tandem.engine.api;

import io.tandem.engine.ConditionalOnEngine;

import io.camunda.client.protocol.rest.SetVariableRequest;
import io.tandem.engine.processing.Engine;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@ConditionalOnEngine
@RestController
@RequestMapping("/v2/element-instances")
class ElementInstanceController {

  private final Engine engine;

  ElementInstanceController(Engine engine) {
    this.engine = engine;
  }

  @PutMapping("/{key}/variables")
  ResponseEntity<Void> setVariables(@PathVariable("key") String key, @RequestBody SetVariableRequest request) {
    if (request.getVariables() == null) {
      throw new InvalidRequest("No variables provided");
    }
    engine.instances().setVariables(Keys.parse(key, "elementInstanceKey"), request.getVariables(),
        Boolean.TRUE.equals(request.getLocal()));
    return ResponseEntity.noContent().build();
  }
}

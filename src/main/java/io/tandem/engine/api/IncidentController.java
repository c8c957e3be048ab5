package io.tandem.engine.api;

import io.tandem.engine.ConditionalOnEngine;

import io.tandem.engine.processing.Engine;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@ConditionalOnEngine
@RestController
@RequestMapping("/v2/incidents")
class IncidentController {

  private final Engine engine;

  IncidentController(Engine engine) {
    this.engine = engine;
  }

  @PostMapping("/{key}/resolution")
  ResponseEntity<Void> resolve(@PathVariable("key") String key) {
    engine.incidents().resolve(Keys.parse(key, "incidentKey"));
    return ResponseEntity.noContent().build();
  }
}

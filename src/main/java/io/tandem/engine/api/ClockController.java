package io.tandem.engine.api;

import io.tandem.engine.ConditionalOnEngine;

import io.camunda.client.protocol.rest.ClockPinRequest;
import io.tandem.engine.processing.Engine;
import java.time.Instant;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Pins the engine's clock (tests), only when configured as controllable. */
@ConditionalOnEngine
@RestController
@RequestMapping("/v2/clock")
class ClockController {

  private final Engine engine;

  ClockController(Engine engine) {
    this.engine = engine;
  }

  @PutMapping
  ResponseEntity<Void> pin(@RequestBody ClockPinRequest request) {
    requireControllable();
    if (request.getTimestamp() == null || request.getTimestamp() < 0) {
      throw new InvalidRequest("The clock's timestamp must be a positive epoch millisecond value");
    }
    engine.clock().pin(Instant.ofEpochMilli(request.getTimestamp()));
    engine.scheduler().tick();
    return ResponseEntity.noContent().build();
  }

  @PostMapping("/reset")
  ResponseEntity<Void> reset() {
    requireControllable();
    engine.clock().reset();
    engine.scheduler().tick();
    return ResponseEntity.noContent().build();
  }

  private void requireControllable() {
    if (!engine.clock().isControllable()) {
      throw new InvalidRequest(
          "The clock is not controllable; start the engine with tandem.engine.clock.controllable=true");
    }
  }
}

package io.tandem.engine.api;

import io.tandem.engine.ConditionalOnEngine;

import io.camunda.client.protocol.rest.MessageCorrelationRequest;
import io.camunda.client.protocol.rest.MessageCorrelationResult;
import io.camunda.client.protocol.rest.MessagePublicationRequest;
import io.camunda.client.protocol.rest.MessagePublicationResult;
import io.tandem.engine.processing.Engine;
import io.tandem.engine.processing.MessageCommands.Correlated;
import java.time.Duration;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@ConditionalOnEngine
@RestController
@RequestMapping("/v2/messages")
class MessageController {

  private final Engine engine;

  MessageController(Engine engine) {
    this.engine = engine;
  }

  @PostMapping("/publication")
  MessagePublicationResult publish(@RequestBody MessagePublicationRequest request) {
    String tenant = Keys.tenant(request.getTenantId());
    long ttl = request.getTimeToLive() == null ? 0 : request.getTimeToLive();
    if (ttl < 0) {
      throw new InvalidRequest("The message's timeToLive must not be negative, but was " + ttl);
    }
    long key = engine.messages().publish(request.getName(), request.getCorrelationKey(),
        Duration.ofMillis(ttl), request.getMessageId(), request.getVariables(), tenant);
    return new MessagePublicationResult().messageKey(Keys.format(key)).tenantId(tenant);
  }

  @PostMapping("/correlation")
  MessageCorrelationResult correlate(@RequestBody MessageCorrelationRequest request) {
    String tenant = Keys.tenant(request.getTenantId());
    Correlated correlated = engine.messages().correlate(request.getName(),
        request.getCorrelationKey(), request.getVariables(), tenant);
    return new MessageCorrelationResult().messageKey(Keys.format(correlated.messageKey()))
        .tenantId(tenant).processInstanceKey(Keys.format(correlated.processInstanceKey()));
  }
}

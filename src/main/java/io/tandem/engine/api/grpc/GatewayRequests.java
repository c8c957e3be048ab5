package io.tandem.engine.api.grpc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.CompleteJobRequest;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.JobResult;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.JobResultCorrections;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.Resource;
import io.tandem.engine.api.InvalidRequest;
import io.tandem.engine.processing.DeploymentCommands;
import io.tandem.engine.processing.UserTaskTransitions.Corrections;
import io.tandem.engine.processing.UserTaskTransitions.ListenerResult;
import io.tandem.engine.store.Json;
import java.util.List;
import java.util.Map;

/**
 * Reads gRPC requests into the engine's terms. Protobuf has no null: an unset string is empty and an
 * unset key 0, which here become "not given"; variables travel as JSON text.
 */
final class GatewayRequests {

  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

  private GatewayRequests() {}

  /** A JSON object's entries; empty text means none (null). Anything but an object is an invalid argument. */
  static Map<String, Object> variables(String json) {
    if (json == null || json.isBlank()) {
      return null;
    }
    JsonNode document;
    try {
      document = Json.MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new InvalidRequest("Expected variables to be a JSON object, but they are not valid JSON: "
          + e.getOriginalMessage());
    }
    if (!document.isObject()) {
      throw new InvalidRequest("Expected variables to be a JSON object, but they were a JSON "
          + document.getNodeType().name().toLowerCase());
    }
    return Json.MAPPER.convertValue(document, MAP);
  }

  static Long key(long key) {
    return key > 0 ? key : null;
  }

  static String text(String value) {
    return value == null || value.isEmpty() ? null : value;
  }

  static List<DeploymentCommands.Resource> resources(List<Resource> resources) {
    return resources.stream()
        .map(r -> new DeploymentCommands.Resource(r.getName(), r.getContent().toByteArray()))
        .toList();
  }

  /** A user task listener's result: whether it denies the transition, and its corrections; null for other jobs. */
  static ListenerResult listenerResult(CompleteJobRequest request) {
    if (!request.hasResult()) {
      return null;
    }
    JobResult result = request.getResult();
    if (result.hasType() && !"userTask".equals(result.getType())) {
      return null;
    }
    JobResultCorrections c = result.getCorrections();
    Corrections corrections = !result.hasCorrections() ? null : new Corrections(
        c.hasAssignee() ? c.getAssignee() : null,
        c.hasDueDate() ? c.getDueDate() : null,
        c.hasFollowUpDate() ? c.getFollowUpDate() : null,
        c.hasCandidateUsers() ? c.getCandidateUsers().getValuesList() : null,
        c.hasCandidateGroups() ? c.getCandidateGroups().getValuesList() : null,
        c.hasPriority() ? c.getPriority() : null);
    return new ListenerResult(result.getDenied(), result.hasDeniedReason() ? result.getDeniedReason() : null,
        corrections);
  }
}

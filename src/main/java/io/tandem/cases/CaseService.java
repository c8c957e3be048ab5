package io.tandem.cases;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.client.CamundaClient;
import io.tandem.cases.ReviewCase.CaseStatus;
import io.tandem.flows.FlowControl;
import io.tandem.flows.FlowDefinition;
import io.tandem.flows.FlowProperties;
import io.tandem.system.ApiProblems.InvalidField;
import io.tandem.system.ApiProblems.NotFound;
import io.tandem.webhooks.WebhookUrls;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Takes cases in (validated, stored once per idempotency key) and starts their review flow's
 * process instance through the Camunda client. A case stored but not started (crash, engine
 * unreachable, intake paused) is started later by {@link CaseStarter}.
 */
@Service
public class CaseService {

  static final int MAX_PAYLOAD_BYTES = 64 * 1024;
  private static final Set<String> RISK_CLASSES = Set.of("low", "medium", "high", "critical");
  private static final Logger LOG = LoggerFactory.getLogger(CaseService.class);

  public record Submitted(ReviewCase reviewCase, boolean created) {}

  private final CaseRepository cases;
  private final CaseInputs inputs;
  private final FlowProperties flows;
  private final FlowControl control;
  private final List<CaseEvents> events;
  private final CamundaClient camunda;
  private final TransactionTemplate transactions;
  private final ObjectMapper json;
  private final Clock clock;

  CaseService(CaseRepository cases, CaseInputs inputs, FlowProperties flows, FlowControl control,
      List<CaseEvents> events, CamundaClient camunda, TransactionTemplate transactions, ObjectMapper json,
      Clock clock) {
    this.cases = cases;
    this.inputs = inputs;
    this.flows = flows;
    this.control = control;
    this.events = events;
    this.camunda = camunda;
    this.transactions = transactions;
    this.json = json;
    this.clock = clock;
  }

  public Submitted submit(SubmitCase submission) {
    FlowDefinition flow = validate(submission);
    Instant now = clock.instant();
    UUID id = UUID.randomUUID();
    ReviewCase candidate = new ReviewCase(id, submission.flow(),
        blankToNull(submission.idempotencyKey()), CaseStatus.SUBMITTED, inputs.seal(id, submission.payload()),
        submission.metadata() == null ? Map.of() : submission.metadata(), blankToNull(submission.webhookUrl()),
        null, null, null, null, null, null, null, null, null, null, null, null, now, now);
    Submitted submitted = transactions.execute(status -> {
      if (cases.insert(candidate)) {
        events.forEach(listener -> listener.submitted(candidate));
        return new Submitted(candidate, true);
      }
      return new Submitted(cases.findByIdempotencyKey(candidate.flow(), candidate.idempotencyKey())
          .orElseThrow(), false);
    });
    if (submitted.created()) {
      start(submitted.reviewCase(), flow);
    }
    return submitted;
  }

  /** Checks a submission without storing it (batches are checked whole first). */
  public void validateOnly(SubmitCase submission) {
    validate(submission);
  }

  public ReviewCase get(UUID id) {
    return cases.find(id).orElseThrow(() -> new NotFound("no case with id " + id));
  }

  /** The raw payload, decrypted; every read is an audit event. */
  public Map<String, Object> readInput(UUID id) {
    ReviewCase reviewCase = get(id);
    Map<String, Object> payload = reviewCase.payload();
    events.forEach(listener -> listener.inputRead(reviewCase));
    return payload;
  }

  public List<ReviewCase> list(String flow, CaseStatus status, int limit, int offset) {
    return cases.list(flow, status, limit, offset);
  }

  public long count(String flow, CaseStatus status) {
    return cases.count(flow, status);
  }

  /** Starts the case's process instance unless its flow's intake is paused; false if not started. */
  boolean start(ReviewCase reviewCase, FlowDefinition flow) {
    FlowControl.State state = control.state(reviewCase.flow());
    if (state.paused()) {
      return false;
    }
    try {
      long key = camunda.newCreateInstanceCommand().bpmnProcessId(flow.processId()).latestVersion()
          .variables(variables(reviewCase, flow, state)).send().join().getProcessInstanceKey();
      cases.started(reviewCase.id(), key, clock.instant());
      return true;
    } catch (RuntimeException e) {
      LOG.warn("Could not start case {} yet; it will be retried: {}", reviewCase.id(), e.getMessage());
      return false;
    }
  }

  private Map<String, Object> variables(ReviewCase c, FlowDefinition flow, FlowControl.State state) {
    Map<String, Object> variables = new LinkedHashMap<>(c.metadata());
    // the free text stays in the case table: workers read it, reviewers see only its masked copy
    c.payload().forEach((name, value) -> {
      if (!name.equals("text")) {
        variables.put(name, value);
      }
    });
    variables.put("caseId", c.id().toString());
    variables.put("flow", c.flow());
    variables.put("labels", flow.labels().stream().map(l -> Map.of("label", l, "value", l)).toList());
    variables.put("safeDefault", flow.safeDefault());
    variables.put("reviewSla", flow.reviewSla().toString());
    variables.put("reminderAfter", flow.reminderAfter().toString());
    variables.put("expertSla", flow.expertSla().toString());
    variables.put("auditRate", flow.auditRate());
    variables.put("killSwitch", state.killSwitch());
    variables.putIfAbsent("riskClass", "low");
    variables.putIfAbsent("amount", 0);
    return variables;
  }

  private FlowDefinition validate(SubmitCase s) {
    if (s.flow() == null || s.flow().isBlank()) {
      throw new InvalidField("flow", "a flow is required; known flows: " + flows.flows().keySet());
    }
    FlowDefinition flow = flows.flow(s.flow()).orElseThrow(() -> new InvalidField("flow",
        "unknown flow '%s'; known flows: %s".formatted(s.flow(), flows.flows().keySet())));
    if (s.payload() == null || s.payload().isEmpty()) {
      throw new InvalidField("payload", "a payload with a text and/or fields is required");
    }
    for (String required : flow.requiredFields()) {
      if (s.payload().get(required) == null) {
        throw new InvalidField("payload." + required, "flow '%s' needs payload field '%s'".formatted(s.flow(), required));
      }
    }
    if (s.payload().containsKey("text") && !(s.payload().get("text") instanceof String)) {
      throw new InvalidField("payload.text", "text must be a string");
    }
    try {
      int size = json.writeValueAsBytes(s.payload()).length;
      if (size > MAX_PAYLOAD_BYTES) {
        throw new InvalidField("payload", "payload is %d bytes; at most %d are accepted".formatted(size, MAX_PAYLOAD_BYTES));
      }
    } catch (JsonProcessingException e) {
      throw new InvalidField("payload", "payload is not valid JSON");
    }
    Map<String, Object> metadata = s.metadata() == null ? Map.of() : s.metadata();
    Object risk = metadata.get("riskClass");
    if (risk != null && !RISK_CLASSES.contains(risk.toString())) {
      throw new InvalidField("metadata.riskClass", "riskClass must be one of " + RISK_CLASSES);
    }
    Object amount = metadata.get("amount");
    if (amount != null && !(amount instanceof Number)) {
      throw new InvalidField("metadata.amount", "amount must be a number");
    }
    if (s.idempotencyKey() != null && s.idempotencyKey().length() > 200) {
      throw new InvalidField("idempotencyKey", "idempotencyKey must be at most 200 characters");
    }
    String webhook = blankToNull(s.webhookUrl());
    if (webhook != null) {
      WebhookUrls.validate(webhook).ifPresent(problem -> {
        throw new InvalidField("webhookUrl", problem);
      });
    }
    return flow;
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }
}

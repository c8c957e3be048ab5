package io.tandem.engine.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.camunda.client.protocol.rest.FormResult;
import io.camunda.client.protocol.rest.UserTaskAssignmentRequest;
import io.camunda.client.protocol.rest.UserTaskCompletionRequest;
import io.camunda.client.protocol.rest.UserTaskFilter;
import io.camunda.client.protocol.rest.UserTaskResult;
import io.camunda.client.protocol.rest.UserTaskSearchQuery;
import io.camunda.client.protocol.rest.UserTaskSearchQueryResult;
import io.camunda.client.protocol.rest.UserTaskStateEnum;
import io.camunda.client.protocol.rest.UserTaskUpdateRequest;
import io.camunda.client.protocol.rest.UserTaskVariableSearchQueryRequest;
import io.camunda.client.protocol.rest.VariableSearchQueryResult;
import io.tandem.engine.ConditionalOnEngine;
import io.tandem.engine.api.SearchRequests.Filters;
import io.tandem.engine.processing.Engine;
import io.tandem.engine.processing.Rejection;
import io.tandem.engine.processing.UserTaskCommands.Changes;
import io.tandem.engine.store.Search;
import io.tandem.engine.store.UserTaskStore.TransitionOutcome;
import io.tandem.engine.store.UserTaskStore.UserTaskRow;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.async.DeferredResult;

/**
 * Camunda user tasks: the tasklist's search, the task, its form and variables, and its commands,
 * which answer once the task listeners of their transition are done.
 */
@ConditionalOnEngine
@RestController
@RequestMapping("/v2/user-tasks")
class UserTaskController {

  private static final Set<String> CHANGESET_FIELDS =
      Set.of("dueDate", "followUpDate", "candidateGroups", "candidateUsers", "priority");

  /** How long a command waits for its task listeners before it answers 504. */
  private static final Duration TRANSITION_WAIT = Duration.ofSeconds(15);

  private final Engine engine;
  private final ScheduledExecutorService waits = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread thread = new Thread(r, "user-task-transition-wait");
    thread.setDaemon(true);
    return thread;
  });

  UserTaskController(Engine engine) {
    this.engine = engine;
  }

  @PostMapping("/search")
  UserTaskSearchQueryResult search(@RequestBody(required = false) JsonNode body) {
    UserTaskSearchQuery request = SearchRequests.read(body, UserTaskSearchQuery.class);
    Filters filters = new Filters();
    UserTaskFilter f = request.getFilter();
    if (f != null) {
      filters.state("state", f.getState())
          .string("assignee", f.getAssignee())
          .integer("priority", f.getPriority())
          .string("elementId", f.getElementId())
          .string("name", f.getName())
          .string("candidateGroup", f.getCandidateGroup())
          .string("candidateUser", f.getCandidateUser())
          .string("tenantId", f.getTenantId())
          .string("processDefinitionId", f.getProcessDefinitionId())
          .date("creationDate", f.getCreationDate())
          .date("completionDate", f.getCompletionDate())
          .date("followUpDate", f.getFollowUpDate())
          .date("dueDate", f.getDueDate())
          .variables("processInstanceVariables", f.getProcessInstanceVariables())
          .variables("localVariables", f.getLocalVariables())
          .key("userTaskKey", f.getUserTaskKey())
          .key("processDefinitionKey", f.getProcessDefinitionKey())
          .key("processInstanceKey", f.getProcessInstanceKey())
          .key("elementInstanceKey", f.getElementInstanceKey());
    }
    Search.Query query = new Search.Query(filters.criteria(),
        SearchRequests.sort(request.getSort(), s -> s.getField(), s -> s.getOrder()),
        SearchRequests.page(request.getPage()));
    Search.Page<UserTaskRow> page = engine.stores().userTasks().search(query);
    return new UserTaskSearchQueryResult()
        .items(page.items().stream().map(UserTaskController::result).toList())
        .page(SearchRequests.page(page));
  }

  @GetMapping("/{key}")
  UserTaskResult get(@PathVariable("key") String key) {
    return result(task(key));
  }

  @GetMapping("/{key}/form")
  ResponseEntity<FormResult> form(@PathVariable("key") String key) {
    UserTaskRow task = task(key);
    if (task.formKey() == null) {
      return ResponseEntity.noContent().build();
    }
    return engine.forms().byKey(task.formKey()).map(FormController::result).map(ResponseEntity::ok)
        .orElseGet(() -> ResponseEntity.noContent().build());
  }

  @PostMapping("/{key}/variables/search")
  VariableSearchQueryResult variables(@PathVariable("key") String key,
      @RequestParam(name = "truncateValues", required = false, defaultValue = "true") boolean truncate,
      @RequestBody(required = false) JsonNode body) {
    UserTaskRow task = task(key);
    UserTaskVariableSearchQueryRequest request = SearchRequests.read(body, UserTaskVariableSearchQueryRequest.class);
    Filters filters = new Filters();
    if (request.getFilter() != null) {
      filters.string("name", request.getFilter().getName());
    }
    Search.Query query = new Search.Query(filters.criteria(),
        SearchRequests.sort(request.getSort(), s -> s.getField(), s -> s.getOrder()),
        SearchRequests.page(request.getPage()));
    List<Long> scopes = engine.stores().queries().elementInstances().scopeChain(task.elementInstanceKey());
    var page = engine.stores().queries().variables().searchVisible(
        scopes.isEmpty() ? List.of(task.elementInstanceKey(), task.processInstanceKey()) : scopes, query, truncate);
    return new VariableSearchQueryResult()
        .items(page.items().stream().map(VariableController::result).toList())
        .page(SearchRequests.page(page));
  }

  @PostMapping("/{key}/assignment")
  DeferredResult<ResponseEntity<?>> assign(@PathVariable("key") String key, @RequestBody(required = false) JsonNode body) {
    UserTaskAssignmentRequest request = SearchRequests.read(body, UserTaskAssignmentRequest.class);
    long userTaskKey = Keys.parse(key, "userTaskKey");
    boolean allowOverride = request.getAllowOverride() == null || request.getAllowOverride();
    Long transition = engine.userTasks().assign(userTaskKey, request.getAssignee(), allowOverride,
        request.getAction());
    return outcome(userTaskKey, transition, allowOverride ? "ASSIGN" : "CLAIM", allowOverride ? "assign" : "claim");
  }

  @DeleteMapping("/{key}/assignee")
  DeferredResult<ResponseEntity<?>> unassign(@PathVariable("key") String key) {
    long userTaskKey = Keys.parse(key, "userTaskKey");
    return outcome(userTaskKey, engine.userTasks().unassign(userTaskKey, null), "ASSIGN", "unassign");
  }

  @PatchMapping("/{key}")
  DeferredResult<ResponseEntity<?>> update(@PathVariable("key") String key, @RequestBody(required = false) JsonNode body) {
    long userTaskKey = Keys.parse(key, "userTaskKey");
    UserTaskUpdateRequest request = SearchRequests.read(body, UserTaskUpdateRequest.class);
    Map<String, Object> changeset = request.getChangeset() == null ? Map.of() : request.getChangeset();
    Changes changes = changes(changeset);
    if (changes.isEmpty() && (request.getAction() == null || request.getAction().isBlank())) {
      throw new InvalidRequest("No update data provided: give an action, or a value for at least"
          + " one of " + String.join(", ", CHANGESET_FIELDS.stream().sorted().toList()));
    }
    return outcome(userTaskKey, engine.userTasks().update(userTaskKey, changes, request.getAction()),
        "UPDATE", "update");
  }

  @PostMapping("/{key}/completion")
  DeferredResult<ResponseEntity<?>> complete(@PathVariable("key") String key, @RequestBody(required = false) JsonNode body) {
    long userTaskKey = Keys.parse(key, "userTaskKey");
    UserTaskCompletionRequest request = SearchRequests.read(body, UserTaskCompletionRequest.class);
    return outcome(userTaskKey, engine.userTasks().complete(userTaskKey, request.getVariables(), request.getAction()),
        "COMPLETE", "complete");
  }

  /**
   * As in Camunda, a command whose transition waits for task listeners is answered when they are
   * done: 204 once the transition ended, 409 when a listener denied it or the task was canceled
   * meanwhile. The database says how it ended; the wake-up after its commit (or, from another
   * node, a poll each second) only says when to look.
   */
  private DeferredResult<ResponseEntity<?>> outcome(long userTaskKey, Long transition, String command, String verb) {
    DeferredResult<ResponseEntity<?>> result = new DeferredResult<>(TRANSITION_WAIT.toMillis(),
        (Object) EngineProblems.problem(HttpStatus.GATEWAY_TIMEOUT, "DEADLINE_EXCEEDED",
            "Expected the task listeners of user task '%d' to be done within %s, but they were not; the %s goes on when they are"
                .formatted(userTaskKey, TRANSITION_WAIT, verb)));
    if (transition == null) {
      result.setResult(ResponseEntity.noContent().build());
      return result;
    }
    Runnable look = () -> engine.stores().userTasks().transitionOutcome(userTaskKey, transition)
        .ifPresent(outcome -> result.setResult(response(outcome, userTaskKey, command, verb)));
    Runnable wakeUp = () -> waits.execute(look);
    engine.notifications().onUserTaskTransitionEnded(userTaskKey, wakeUp);
    ScheduledFuture<?> poll = waits.scheduleWithFixedDelay(look, 1, 1, TimeUnit.SECONDS);
    result.onCompletion(() -> {
      engine.notifications().removeUserTaskTransitionWaiter(userTaskKey, wakeUp);
      poll.cancel(false);
    });
    wakeUp.run(); // it may have ended before the waiter was there
    return result;
  }

  private static ResponseEntity<?> response(TransitionOutcome outcome, long userTaskKey, String command, String verb) {
    String reason = switch (outcome.intent()) {
      case "ASSIGNED", "UPDATED", "COMPLETED" -> null;
      case "ASSIGNMENT_DENIED", "UPDATE_DENIED", "COMPLETION_DENIED" -> ("Expected to %s user task with key"
          + " '%d', but a task listener denied it. Reason to deny: '%s'").formatted(verb, userTaskKey, outcome.deniedReason());
      default -> "Expected to %s user task with key '%d', but it was canceled while its task listeners ran"
          .formatted(verb, userTaskKey);
    };
    return reason == null ? ResponseEntity.noContent().build()
        : EngineProblems.problem(new Rejection(Rejection.Type.INVALID_STATE, command, reason));
  }

  private UserTaskRow task(String key) {
    long userTaskKey = Keys.parse(key, "userTaskKey");
    return engine.stores().userTasks().find(userTaskKey).orElseThrow(() ->
        new EngineProblems.NotFound("User task with key '%d' not found".formatted(userTaskKey)));
  }

  /** A changeset: absent or null attributes stay; an empty date clears it, an empty list too. */
  private static Changes changes(Map<String, Object> changeset) {
    for (String field : changeset.keySet()) {
      if (!CHANGESET_FIELDS.contains(field)) {
        throw new InvalidRequest("Unknown field 'changeset.%s'; known fields there are %s"
            .formatted(field, CHANGESET_FIELDS.stream().sorted().toList()));
      }
    }
    Object due = changeset.get("dueDate");
    Object followUp = changeset.get("followUpDate");
    Object priority = changeset.get("priority");
    if (priority != null && !(priority instanceof Integer)) {
      throw new InvalidRequest("Expected changeset.priority to be a whole number, but was '" + priority + "'");
    }
    if (priority != null && ((Integer) priority < 0 || (Integer) priority > 100)) {
      throw new InvalidRequest(
          "The value for priority is '%s' but must be within the [0,100] range".formatted(priority));
    }
    return new Changes(due != null, date("dueDate", due), followUp != null, date("followUpDate", followUp),
        names("candidateGroups", changeset.get("candidateGroups")),
        names("candidateUsers", changeset.get("candidateUsers")), (Integer) priority);
  }

  private static Instant date(String field, Object value) {
    if (value == null) {
      return null;
    }
    if (!(value instanceof String s)) {
      throw new InvalidRequest("Expected changeset.%s to be a date-time string, but was '%s'"
          .formatted(field, value));
    }
    return s.isEmpty() ? null : SearchRequests.parseDate(field, s);
  }

  private static List<String> names(String field, Object value) {
    if (value == null) {
      return null;
    }
    if (!(value instanceof List<?> list) || list.stream().anyMatch(v -> !(v instanceof String))) {
      throw new InvalidRequest("Expected changeset.%s to be a list of names, but was '%s'"
          .formatted(field, value));
    }
    List<String> names = new ArrayList<>();
    list.forEach(v -> names.add((String) v));
    return names;
  }

  static UserTaskResult result(UserTaskRow t) {
    return new UserTaskResult()
        .userTaskKey(Keys.format(t.key()))
        .name(t.name())
        .state(UserTaskStateEnum.fromValue(t.state()))
        .assignee(t.assignee())
        .elementId(t.elementId())
        .elementInstanceKey(Keys.format(t.elementInstanceKey()))
        .candidateGroups(t.candidateGroups())
        .candidateUsers(t.candidateUsers())
        .processDefinitionId(t.bpmnProcessId())
        .processDefinitionKey(Keys.format(t.processDefinitionKey()))
        .processDefinitionVersion(t.processDefinitionVersion())
        .processName(t.processName())
        .processInstanceKey(Keys.format(t.processInstanceKey()))
        .creationDate(SearchRequests.date(t.creationDate()))
        .completionDate(SearchRequests.date(t.completionDate()))
        .dueDate(SearchRequests.date(t.dueDate()))
        .followUpDate(SearchRequests.date(t.followUpDate()))
        .priority(t.priority())
        .formKey(t.formKey() == null ? null : Keys.format(t.formKey()))
        .externalFormReference(t.externalFormReference())
        .customHeaders(t.customHeaders())
        .tenantId(t.tenantId());
  }
}

package io.tandem.engine.model;

import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.model.bpmn.instance.Activity;
import io.camunda.zeebe.model.bpmn.instance.BaseElement;
import io.camunda.zeebe.model.bpmn.instance.BoundaryEvent;
import io.camunda.zeebe.model.bpmn.instance.BusinessRuleTask;
import io.camunda.zeebe.model.bpmn.instance.ConditionExpression;
import io.camunda.zeebe.model.bpmn.instance.EndEvent;
import io.camunda.zeebe.model.bpmn.instance.ErrorEventDefinition;
import io.camunda.zeebe.model.bpmn.instance.EventDefinition;
import io.camunda.zeebe.model.bpmn.instance.ExclusiveGateway;
import io.camunda.zeebe.model.bpmn.instance.FlowElement;
import io.camunda.zeebe.model.bpmn.instance.FlowNode;
import io.camunda.zeebe.model.bpmn.instance.IntermediateCatchEvent;
import io.camunda.zeebe.model.bpmn.instance.IntermediateThrowEvent;
import io.camunda.zeebe.model.bpmn.instance.ManualTask;
import io.camunda.zeebe.model.bpmn.instance.MessageEventDefinition;
import io.camunda.zeebe.model.bpmn.instance.MultiInstanceLoopCharacteristics;
import io.camunda.zeebe.model.bpmn.instance.ParallelGateway;
import io.camunda.zeebe.model.bpmn.instance.Process;
import io.camunda.zeebe.model.bpmn.instance.ReceiveTask;
import io.camunda.zeebe.model.bpmn.instance.ScriptTask;
import io.camunda.zeebe.model.bpmn.instance.SendTask;
import io.camunda.zeebe.model.bpmn.instance.SequenceFlow;
import io.camunda.zeebe.model.bpmn.instance.ServiceTask;
import io.camunda.zeebe.model.bpmn.instance.StartEvent;
import io.camunda.zeebe.model.bpmn.instance.SubProcess;
import io.camunda.zeebe.model.bpmn.instance.Task;
import io.camunda.zeebe.model.bpmn.instance.TerminateEventDefinition;
import io.camunda.zeebe.model.bpmn.instance.TimerEventDefinition;
import io.camunda.zeebe.model.bpmn.instance.UserTask;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeAssignmentDefinition;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeBindingType;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeCalledDecision;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeFormDefinition;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeHeader;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeIoMapping;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeLoopCharacteristics;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeMapping;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebePriorityDefinition;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeScript;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeSubscription;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeTaskDefinition;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeTaskHeaders;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeTaskListener;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeTaskListeners;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeTaskSchedule;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeUserTask;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeVersionTag;
import io.camunda.zeebe.model.bpmn.validation.zeebe.ZeebeDesignTimeValidators;
import io.tandem.engine.expression.Expression;
import io.tandem.engine.expression.ExpressionService;
import io.tandem.engine.expression.Result;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;
import org.camunda.bpm.model.xml.validation.ValidationResultType;

/**
 * Compiles a BPMN model into executable processes at deploy time: validates it with Zeebe's
 * design-time rules, rejects what this engine can't run yet, and parses every FEEL expression once.
 */
public final class ProcessCompiler {

  /** Camunda 8's job type for user tasks that are not Camunda user tasks. */
  public static final String JOB_WORKER_USER_TASK_TYPE = "io.camunda.zeebe:userTask";

  private final ExpressionService expressions;

  public ProcessCompiler(ExpressionService expressions) {
    this.expressions = expressions;
  }

  /** The compiled, not yet keyed, executable processes of one model, or its problems. */
  public record Compiled(List<CompiledProcess> processes, List<ModelProblem> problems) {}

  public record CompiledProcess(String bpmnProcessId, String name, String versionTag,
      ExecutableElement root, Map<String, ExecutableElement> elements) {}

  public Compiled compile(BpmnModelInstance model) {
    List<ModelProblem> problems = new ArrayList<>();
    var validation = model.validate(ZeebeDesignTimeValidators.VALIDATORS);
    validation.getResults().forEach((element, results) -> results.stream()
        .filter(r -> r.getType() == ValidationResultType.ERROR)
        .forEach(r -> problems.add(new ModelProblem(idOf(element), r.getMessage()))));
    List<CompiledProcess> processes = new ArrayList<>();
    if (!problems.isEmpty()) {
      return new Compiled(processes, problems);
    }
    Collection<Process> candidates = model.getModelElementsByType(Process.class);
    for (Process process : candidates) {
      if (!process.isExecutable()) {
        continue;
      }
      var compilation = new Compilation(problems);
      ExecutableElement root = new ExecutableElement(process.getId(), process.getName(), ElementKind.PROCESS);
      compilation.elements.put(root.id, root);
      compilation.compileScope(process.getFlowElements(), root);
      compilation.link();
      ZeebeVersionTag versionTag = process.getExtensionElements() == null ? null
          : process.getExtensionElements().getElementsQuery().filterByType(ZeebeVersionTag.class)
              .list().stream().findFirst().orElse(null);
      processes.add(new CompiledProcess(process.getId(), process.getName(),
          versionTag == null ? null : versionTag.getValue(), root, Map.copyOf(compilation.elements)));
    }
    if (processes.isEmpty() && problems.isEmpty()) {
      problems.add(new ModelProblem(null, "Must contain at least one executable process"));
    }
    return new Compiled(processes, problems);
  }

  private static String idOf(ModelElementInstance element) {
    return element instanceof BaseElement base ? base.getId() : element.getElementType().getTypeName();
  }

  /** State of compiling one process. */
  private final class Compilation {
    final Map<String, ExecutableElement> elements = new LinkedHashMap<>();
    final List<SequenceFlow> flows = new ArrayList<>();
    final List<ModelProblem> problems;

    Compilation(List<ModelProblem> problems) {
      this.problems = problems;
    }

    void compileScope(Collection<FlowElement> flowElements, ExecutableElement scope) {
      for (FlowElement flowElement : flowElements) {
        modelElements.put(flowElement.getId(), flowElement);
        if (flowElement instanceof SequenceFlow flow) {
          flows.add(flow);
          continue;
        }
        ExecutableElement element = compileElement(flowElement);
        if (element == null) {
          continue;
        }
        element.flowScope = scope;
        elements.put(element.id, element);
        if (flowElement instanceof SubProcess subProcess) {
          compileScope(subProcess.getFlowElements(), element);
        }
        if (element.kind == ElementKind.START_EVENT) {
          if (scope.noneStartEvent != null) {
            problem(element.id, "Must have exactly one none start event in its scope");
          }
          scope.noneStartEvent = element;
        }
      }
      if (scope.noneStartEvent == null) {
        problem(scope.id, "Must have exactly one none start event");
      }
    }

    ExecutableElement compileElement(FlowElement element) {
      String id = element.getId();
      String name = element.getName();
      if (element instanceof SubProcess subProcess) {
        if (subProcess.triggeredByEvent()) {
          return unsupported(element, "event subprocesses");
        }
        return activity(new ExecutableElement(id, name, ElementKind.SUB_PROCESS), subProcess);
      }
      if (element instanceof StartEvent start) {
        if (!start.getEventDefinitions().isEmpty()) {
          return unsupported(element, "timer, message and signal start events");
        }
        var compiled = new ExecutableElement(id, name, ElementKind.START_EVENT);
        compiled.form = linkedForm(element);
        outputs(compiled, element);
        return compiled;
      }
      if (element instanceof EndEvent end) {
        var compiled = new ExecutableElement(id, name, ElementKind.END_EVENT);
        EventDefinition definition = single(end.getEventDefinitions());
        if (definition instanceof ErrorEventDefinition error) {
          compiled.eventKind = EventKind.ERROR;
          if (error.getError() == null || error.getError().getErrorCode() == null) {
            problem(id, "Must reference an error with an error code");
          } else {
            compiled.errorCode = error.getError().getErrorCode();
          }
        } else if (definition instanceof TerminateEventDefinition) {
          compiled.eventKind = EventKind.TERMINATE;
        } else if (definition instanceof MessageEventDefinition) {
          compiled.job = job(element);
          compiled.eventKind = EventKind.MESSAGE;
        } else if (definition != null) {
          return unsupported(element, "this end event type");
        }
        inputs(compiled, element);
        outputs(compiled, element);
        return compiled;
      }
      if (element instanceof ServiceTask) {
        return jobTask(element, ElementKind.SERVICE_TASK);
      }
      if (element instanceof SendTask) {
        return jobTask(element, ElementKind.SEND_TASK);
      }
      if (element instanceof BusinessRuleTask) {
        ZeebeCalledDecision decision = extension(element, ZeebeCalledDecision.class);
        if (decision == null) {
          return jobTask(element, ElementKind.BUSINESS_RULE_TASK);
        }
        var compiled = new ExecutableElement(id, name, ElementKind.BUSINESS_RULE_TASK);
        compiled.calledDecisionId = expression(id, decision.getDecisionId());
        compiled.resultVariable = decision.getResultVariable();
        return activity(compiled, (Activity) element);
      }
      if (element instanceof ScriptTask) {
        ZeebeScript script = extension(element, ZeebeScript.class);
        if (script == null) {
          return jobTask(element, ElementKind.SCRIPT_TASK);
        }
        var compiled = new ExecutableElement(id, name, ElementKind.SCRIPT_TASK);
        compiled.script = expression(id, script.getExpression());
        compiled.resultVariable = script.getResultVariable();
        return activity(compiled, (Activity) element);
      }
      if (element instanceof UserTask) {
        if (extension(element, ZeebeUserTask.class) != null) {
          var compiled = new ExecutableElement(id, name, ElementKind.USER_TASK);
          compiled.userTask = userTask(element);
          return activity(compiled, (Activity) element);
        }
        var compiled = new ExecutableElement(id, name, ElementKind.USER_TASK);
        compiled.job = new JobDefinition(
            Expression.ofStatic(JOB_WORKER_USER_TASK_TYPE), Expression.ofStatic("1"), headers(element));
        return activity(compiled, (Activity) element);
      }
      if (element instanceof ReceiveTask receive) {
        var compiled = new ExecutableElement(id, name, ElementKind.RECEIVE_TASK);
        compiled.eventKind = EventKind.MESSAGE;
        compiled.message = message(id, receive.getMessage(), element);
        return activity(compiled, receive);
      }
      if (element instanceof ManualTask) {
        return activity(new ExecutableElement(id, name, ElementKind.MANUAL_TASK), (Activity) element);
      }
      if (element instanceof Task) {
        return activity(new ExecutableElement(id, name, ElementKind.TASK), (Activity) element);
      }
      if (element instanceof ExclusiveGateway gateway) {
        var compiled = new ExecutableElement(id, name, ElementKind.EXCLUSIVE_GATEWAY);
        if (gateway.getDefault() != null) {
          compiled.defaultFlowId = gateway.getDefault().getId();
        }
        return compiled;
      }
      if (element instanceof ParallelGateway) {
        return new ExecutableElement(id, name, ElementKind.PARALLEL_GATEWAY);
      }
      if (element instanceof IntermediateCatchEvent catchEvent) {
        var compiled = new ExecutableElement(id, name, ElementKind.INTERMEDIATE_CATCH_EVENT);
        catchDefinition(compiled, single(catchEvent.getEventDefinitions()), element);
        outputs(compiled, element);
        return compiled;
      }
      if (element instanceof IntermediateThrowEvent throwEvent) {
        var compiled = new ExecutableElement(id, name, ElementKind.INTERMEDIATE_THROW_EVENT);
        EventDefinition definition = single(throwEvent.getEventDefinitions());
        if (definition instanceof MessageEventDefinition) {
          compiled.job = job(element);
          compiled.eventKind = EventKind.MESSAGE;
        } else if (definition != null) {
          return unsupported(element, "this intermediate throw event type");
        }
        inputs(compiled, element);
        outputs(compiled, element);
        return compiled;
      }
      if (element instanceof BoundaryEvent boundary) {
        var compiled = new ExecutableElement(id, name, ElementKind.BOUNDARY_EVENT);
        compiled.interrupting = boundary.cancelActivity();
        EventDefinition definition = single(boundary.getEventDefinitions());
        if (definition instanceof ErrorEventDefinition error) {
          compiled.eventKind = EventKind.ERROR;
          compiled.errorCode = error.getError() == null ? null : error.getError().getErrorCode();
          if (!compiled.interrupting) {
            problem(id, "An error boundary event must be interrupting");
          }
        } else {
          catchDefinition(compiled, definition, element);
        }
        outputs(compiled, element);
        return compiled;
      }
      return unsupported(element, element.getElementType().getTypeName() + " elements");
    }

    void catchDefinition(ExecutableElement compiled, EventDefinition definition, FlowElement element) {
      if (definition instanceof TimerEventDefinition timer) {
        compiled.eventKind = EventKind.TIMER;
        if (timer.getTimeDuration() != null) {
          compiled.timer = new TimerDefinition(TimerDefinition.Kind.DURATION,
              expression(compiled.id, timer.getTimeDuration().getTextContent()));
        } else if (timer.getTimeDate() != null) {
          compiled.timer = new TimerDefinition(TimerDefinition.Kind.DATE,
              expression(compiled.id, timer.getTimeDate().getTextContent()));
        } else if (timer.getTimeCycle() != null) {
          compiled.timer = new TimerDefinition(TimerDefinition.Kind.CYCLE,
              expression(compiled.id, timer.getTimeCycle().getTextContent()));
        } else {
          problem(compiled.id, "Must have a time duration, date or cycle");
        }
      } else if (definition instanceof MessageEventDefinition message) {
        compiled.eventKind = EventKind.MESSAGE;
        compiled.message = message(compiled.id, message.getMessage(), element);
      } else {
        unsupported(element, "this catch event type");
      }
    }

    MessageDefinition message(String id, io.camunda.zeebe.model.bpmn.instance.Message message,
        FlowElement element) {
      if (message == null || message.getName() == null) {
        problem(id, "Must reference a message with a name");
        return null;
      }
      ZeebeSubscription subscription =
          message.getExtensionElements() == null ? null
              : message.getExtensionElements().getElementsQuery()
                  .filterByType(ZeebeSubscription.class).list().stream().findFirst().orElse(null);
      if (subscription == null || subscription.getCorrelationKey() == null) {
        problem(id, "Must have a message with a zeebe:subscription correlation key");
        return null;
      }
      return new MessageDefinition(expression(id, message.getName()),
          expression(id, subscription.getCorrelationKey()));
    }

    /** A Camunda user task: every attribute may be static or a FEEL expression. */
    UserTaskDefinition userTask(FlowElement element) {
      String id = element.getId();
      ZeebeAssignmentDefinition assignment = extension(element, ZeebeAssignmentDefinition.class);
      ZeebeTaskSchedule schedule = extension(element, ZeebeTaskSchedule.class);
      ZeebePriorityDefinition priority = extension(element, ZeebePriorityDefinition.class);
      ZeebeFormDefinition form = extension(element, ZeebeFormDefinition.class);
      Expression dueDate = schedule == null ? null : optional(id, schedule.getDueDate());
      Expression followUpDate = schedule == null ? null : optional(id, schedule.getFollowUpDate());
      staticDate(id, "due date", dueDate);
      staticDate(id, "follow-up date", followUpDate);
      Expression priorityExpression = priority == null ? null : optional(id, priority.getPriority());
      if (priorityExpression != null && priorityExpression.isStatic()) {
        String value = priorityExpression.staticValue().trim();
        if (!value.matches("\\d{1,3}") || Integer.parseInt(value) > 100) {
          problem(id, "Priority must be a number between 0 and 100, but was '" + value + "'");
        }
      }
      Expression externalReference = null;
      if (form != null && form.getExternalReference() != null && !form.getExternalReference().isBlank()) {
        externalReference = expression(id, form.getExternalReference());
      } else if (form != null && form.getFormKey() != null && !form.getFormKey().isBlank()) {
        // a custom form key on a Camunda user task is a reference to an external form
        externalReference = Expression.ofStatic(form.getFormKey());
      }
      return new UserTaskDefinition(
          assignment == null ? null : optional(id, assignment.getAssignee()),
          assignment == null ? null : optional(id, assignment.getCandidateGroups()),
          assignment == null ? null : optional(id, assignment.getCandidateUsers()),
          dueDate, followUpDate, priorityExpression, linkedForm(element), externalReference,
          headers(element), taskListeners(element));
    }

    /** {@code zeebe:taskListeners}: type and retries static or FEEL, retries 3 when absent. */
    List<TaskListener> taskListeners(FlowElement element) {
      ZeebeTaskListeners listeners = extension(element, ZeebeTaskListeners.class);
      if (listeners == null) {
        return List.of();
      }
      List<TaskListener> compiled = new ArrayList<>();
      for (ZeebeTaskListener listener : listeners.getTaskListeners()) {
        if (listener.getEventType() == null || listener.getType() == null || listener.getType().isBlank()) {
          problem(element.getId(), "A task listener must have an event type and a job type");
          continue;
        }
        String retries = listener.getRetries() == null || listener.getRetries().isBlank()
            ? ZeebeTaskListener.DEFAULT_RETRIES : listener.getRetries();
        compiled.add(new TaskListener(TaskListenerEventType.of(listener.getEventType()),
            expression(element.getId(), listener.getType()), expression(element.getId(), retries)));
      }
      return List.copyOf(compiled);
    }

    /** {@code zeebe:formDefinition formId}: a form deployed on its own, bound at creation. */
    FormReference linkedForm(FlowElement element) {
      ZeebeFormDefinition form = extension(element, ZeebeFormDefinition.class);
      if (form == null || form.getFormId() == null || form.getFormId().isBlank()) {
        return null;
      }
      ZeebeBindingType binding = form.getBindingType();
      FormReference.Binding compiled = binding == null ? FormReference.Binding.LATEST : switch (binding) {
        case deployment -> FormReference.Binding.DEPLOYMENT;
        case versionTag -> FormReference.Binding.VERSION_TAG;
        default -> FormReference.Binding.LATEST;
      };
      if (compiled == FormReference.Binding.VERSION_TAG
          && (form.getVersionTag() == null || form.getVersionTag().isBlank())) {
        problem(element.getId(), "Must have a version tag when the form binding type is 'versionTag'");
      }
      return new FormReference(form.getFormId().trim(), compiled, form.getVersionTag());
    }

    Expression optional(String id, String source) {
      return source == null || source.isBlank() ? null : expression(id, source);
    }

    void staticDate(String id, String what, Expression date) {
      if (date == null || !date.isStatic()) {
        return;
      }
      try {
        ZonedDateTime.parse(date.staticValue().trim());
      } catch (DateTimeParseException e) {
        problem(id, "The %s must be an ISO 8601 date and time with an offset, but was '%s'"
            .formatted(what, date.staticValue()));
      }
    }

    ExecutableElement jobTask(FlowElement element, ElementKind kind) {
      var compiled = new ExecutableElement(element.getId(), element.getName(), kind);
      compiled.job = job(element);
      return activity(compiled, (Activity) element);
    }

    JobDefinition job(FlowElement element) {
      ZeebeTaskDefinition definition = extension(element, ZeebeTaskDefinition.class);
      if (definition == null || definition.getType() == null || definition.getType().isBlank()) {
        problem(element.getId(), "Must have a zeebe:taskDefinition with a job type");
        return null;
      }
      String retries = definition.getRetries() == null ? "3" : definition.getRetries();
      return new JobDefinition(expression(element.getId(), definition.getType()),
          expression(element.getId(), retries), headers(element));
    }

    Map<String, String> headers(FlowElement element) {
      ZeebeTaskHeaders headers = extension(element, ZeebeTaskHeaders.class);
      Map<String, String> result = new LinkedHashMap<>();
      if (headers != null) {
        for (ZeebeHeader header : headers.getHeaders()) {
          result.put(header.getKey(), header.getValue());
        }
      }
      return result;
    }

    ExecutableElement activity(ExecutableElement compiled, Activity activity) {
      inputs(compiled, activity);
      outputs(compiled, activity);
      if (activity.getLoopCharacteristics() instanceof MultiInstanceLoopCharacteristics loop) {
        ZeebeLoopCharacteristics zeebe = loop.getExtensionElements() == null ? null
            : loop.getExtensionElements().getElementsQuery()
                .filterByType(ZeebeLoopCharacteristics.class).list().stream().findFirst().orElse(null);
        if (zeebe == null || zeebe.getInputCollection() == null) {
          problem(compiled.id, "Must have a zeebe:loopCharacteristics input collection");
        } else {
          Expression completion = loop.getCompletionCondition() == null ? null
              : expression(compiled.id, loop.getCompletionCondition().getTextContent());
          compiled.loop = new LoopDefinition(
              loop.isSequential(),
              expression(compiled.id, zeebe.getInputCollection()),
              zeebe.getInputElement(),
              zeebe.getOutputCollection(),
              zeebe.getOutputElement() == null ? null : expression(compiled.id, zeebe.getOutputElement()),
              completion);
        }
      } else if (activity.getLoopCharacteristics() != null) {
        unsupported(activity, "standard loop characteristics");
      }
      return compiled;
    }

    void inputs(ExecutableElement compiled, FlowElement element) {
      ZeebeIoMapping mapping = extension(element, ZeebeIoMapping.class);
      if (mapping != null) {
        mapping.getInputs().forEach(m -> compiled.inputs.add(mapping(compiled.id, m)));
      }
    }

    void outputs(ExecutableElement compiled, FlowElement element) {
      ZeebeIoMapping mapping = extension(element, ZeebeIoMapping.class);
      if (mapping != null) {
        mapping.getOutputs().forEach(m -> compiled.outputs.add(mapping(compiled.id, m)));
      }
    }

    Mapping mapping(String id, ZeebeMapping mapping) {
      return new Mapping(expression(id, mapping.getSource()), mapping.getTarget());
    }

    Expression expression(String id, String source) {
      Result<Expression> result = expressions.parse(source);
      if (!result.isOk()) {
        problem(id, result.failure());
        return Expression.ofStatic(source);
      }
      return result.value();
    }

    /** Wires flows, boundary events and joins once all elements exist. */
    void link() {
      for (SequenceFlow flow : flows) {
        ConditionExpression condition = flow.getConditionExpression();
        Expression parsed = condition == null || condition.getTextContent().isBlank() ? null
            : expression(flow.getId(), condition.getTextContent());
        var compiled = new ExecutableFlow(flow.getId(), flow.getSource().getId(), flow.getTarget().getId(), parsed);
        ExecutableElement source = elements.get(compiled.sourceId());
        ExecutableElement target = elements.get(compiled.targetId());
        if (source == null || target == null) {
          continue; // an unsupported element, already reported
        }
        source.outgoing.add(compiled);
        target.incoming.add(compiled);
      }
      for (ExecutableElement element : elements.values()) {
        if (element.kind == ElementKind.BOUNDARY_EVENT) {
          FlowNode attached = ((BoundaryEvent) modelElement(element)).getAttachedTo();
          element.attachedTo = elements.get(attached.getId());
          if (element.attachedTo != null) {
            element.attachedTo.boundaryEvents.add(element);
            element.flowScope = element.attachedTo.flowScope;
          }
        }
        if (element.kind == ElementKind.EXCLUSIVE_GATEWAY && element.outgoing.size() > 1) {
          for (ExecutableFlow flow : element.outgoing) {
            if (flow.condition() == null && !flow.id().equals(element.defaultFlowId)) {
              problem(flow.id(), "Must have a condition or be the default flow of gateway '" + element.id + "'");
            }
          }
        }
      }
    }

    private final Map<String, FlowElement> modelElements = new LinkedHashMap<>();

    private FlowElement modelElement(ExecutableElement element) {
      return modelElements.get(element.id);
    }

    <T extends ModelElementInstance> T extension(FlowElement element, Class<T> type) {
      if (element.getExtensionElements() == null) {
        return null;
      }
      return element.getExtensionElements().getElementsQuery().filterByType(type).list().stream()
          .findFirst().orElse(null);
    }

    EventDefinition single(Collection<EventDefinition> definitions) {
      return definitions.isEmpty() ? null : definitions.iterator().next();
    }

    ExecutableElement unsupported(FlowElement element, String what) {
      problem(element.getId(), "Tandem's engine does not support " + what + " yet");
      return null;
    }

    void problem(String elementId, String message) {
      problems.add(new ModelProblem(elementId, message));
    }
  }
}

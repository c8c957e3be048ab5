package io.tandem.engine.model;

import io.tandem.engine.expression.Expression;
import java.util.ArrayList;
import java.util.List;

/**
 * A BPMN element compiled for execution. Filled in by {@link ProcessCompiler} at deploy time and
 * never changed afterwards; which fields are set depends on the kind.
 */
public final class ExecutableElement {

  final String id;
  final String name;
  final ElementKind kind;
  EventKind eventKind = EventKind.NONE;
  ExecutableElement flowScope;
  final List<ExecutableFlow> outgoing = new ArrayList<>();
  final List<ExecutableFlow> incoming = new ArrayList<>();
  String defaultFlowId;
  // containers
  ExecutableElement noneStartEvent;
  // activities
  final List<ExecutableElement> boundaryEvents = new ArrayList<>();
  final List<Mapping> inputs = new ArrayList<>();
  final List<Mapping> outputs = new ArrayList<>();
  JobDefinition job;
  UserTaskDefinition userTask; // a Camunda user task; job-worker user tasks have a job instead
  Expression script;
  String resultVariable;
  Expression calledDecisionId;
  LoopDefinition loop;
  // events
  TimerDefinition timer;
  MessageDefinition message;
  String errorCode; // null on an error catch event: catches every error
  ExecutableElement attachedTo;
  boolean interrupting = true;
  FormReference form; // a none start event's linked form

  ExecutableElement(String id, String name, ElementKind kind) {
    this.id = id;
    this.name = name;
    this.kind = kind;
  }

  public String id() { return id; }
  public String name() { return name; }
  public ElementKind kind() { return kind; }
  public EventKind eventKind() { return eventKind; }
  public ExecutableElement flowScope() { return flowScope; }
  public List<ExecutableFlow> outgoing() { return outgoing; }
  public List<ExecutableFlow> incoming() { return incoming; }
  public String defaultFlowId() { return defaultFlowId; }
  public ExecutableElement noneStartEvent() { return noneStartEvent; }
  public List<ExecutableElement> boundaryEvents() { return boundaryEvents; }
  public List<Mapping> inputs() { return inputs; }
  public List<Mapping> outputs() { return outputs; }
  public JobDefinition job() { return job; }
  public UserTaskDefinition userTask() { return userTask; }
  public FormReference form() { return form; }
  public Expression script() { return script; }
  public String resultVariable() { return resultVariable; }
  public Expression calledDecisionId() { return calledDecisionId; }
  public LoopDefinition loop() { return loop; }
  public TimerDefinition timer() { return timer; }
  public MessageDefinition message() { return message; }
  public String errorCode() { return errorCode; }
  public ExecutableElement attachedTo() { return attachedTo; }
  public boolean interrupting() { return interrupting; }

  public boolean isMultiInstance() {
    return loop != null;
  }

  /** Whether a join: a parallel gateway with more than one incoming flow waits for all of them. */
  public boolean isJoin() {
    return kind == ElementKind.PARALLEL_GATEWAY && incoming.size() > 1;
  }

  @Override
  public String toString() {
    return kind + "[" + id + "]";
  }
}

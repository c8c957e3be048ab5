package io.tandem.engine.dmn;

import io.tandem.engine.dmn.DecisionEvaluationResult.Evaluated;
import io.tandem.engine.dmn.DecisionEvaluationResult.Failed;
import io.tandem.engine.dmn.EvaluatedDecision.EvaluatedInput;
import io.tandem.engine.dmn.EvaluatedDecision.EvaluatedOutput;
import io.tandem.engine.dmn.EvaluatedDecision.MatchedRule;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.camunda.bpm.model.dmn.instance.Definitions;
import org.camunda.dmn.Audit;
import org.camunda.dmn.Audit.AuditLog;
import org.camunda.dmn.Audit.AuditLogEntry;
import org.camunda.dmn.Audit.DecisionTableEvaluationResult;
import org.camunda.dmn.DmnEngine;
import org.camunda.dmn.parser.ParsedContext;
import org.camunda.dmn.parser.ParsedDecision;
import org.camunda.dmn.parser.ParsedDecisionLogic;
import org.camunda.dmn.parser.ParsedDecisionTable;
import org.camunda.dmn.parser.ParsedDmn;
import org.camunda.dmn.parser.ParsedFunctionDefinition;
import org.camunda.dmn.parser.ParsedInvocation;
import org.camunda.dmn.parser.ParsedList;
import org.camunda.dmn.parser.ParsedLiteralExpression;
import org.camunda.dmn.parser.ParsedRelation;
import org.camunda.dmn.parser.ParsedRule;
import org.camunda.feel.syntaxtree.ValError;
import org.camunda.feel.syntaxtree.ValFatalError;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Parses and evaluates DMN decisions with dmn-scala, the DMN engine Camunda 8 embeds, and reports
 * results the way the Camunda 8 API does (output, evaluated decisions, matched rules). Expected
 * failures are values, not exceptions. Stateless: one instance serves all threads.
 */
public final class DecisionService {

  private static final String DMN_MODEL_FAILURE = "Failed to parse DMN";

  private final DmnEngine engine;

  public DecisionService() {
    // eager (non-lazy) parsing: a broken FEEL expression fails the deployment, as in Camunda 8
    this(new DmnEngine.Builder().build());
  }

  public DecisionService(DmnEngine engine) {
    this.engine = engine;
  }

  public DecisionParseResult parse(String resourceName, byte[] dmnXml) {
    var parsed = engine.parse(new ByteArrayInputStream(dmnXml));
    if (parsed.isLeft()) {
      return new DecisionParseResult.Failure(
          resourceName, reason(parsed.left().get().message(), dmnXml));
    }
    ParsedDmn dmn = parsed.right().get();
    Definitions definitions = dmn.model().getDefinitions();
    // dmn-scala's decision collection has no stable order: list them as the document does
    List<ParsedDecisionResource.Decision> decisions =
        dmn.model().getModelElementsByType(Decision.class).stream()
            .map(decision -> dmn.decisionsById().get(decision.getId()).get())
            .map(decision -> new ParsedDecisionResource.Decision(decision.id(), decision.name()))
            .toList();
    return new ParsedDecisionResource(
        resourceName,
        definitions.getId(),
        definitions.getName(),
        definitions.getNamespace(),
        decisions,
        dmn);
  }

  public DecisionEvaluationResult evaluate(
      ParsedDecisionResource resource, String decisionId, Map<String, Object> variables) {
    ParsedDmn dmn = resource.dmn();
    scala.Option<ParsedDecision> decision = dmn.decisionsById().get(decisionId);
    if (decision.isEmpty()) {
      // Camunda's wording (dmn-scala says "no decision found with id 'x'")
      return new Failed(
          decisionId, decisionId, "no decision found for '" + decisionId + "'", List.of());
    }
    try {
      var result = engine.eval(dmn, decisionId, variables == null ? Map.of() : variables);
      if (result.isLeft()) {
        AuditLog log = result.left().get().auditLog();
        return new Failed(
            decisionId,
            failedDecisionId(log, decisionId),
            result.left().get().failure().message(),
            evaluatedDecisions(log));
      }
      var evaluated = result.right().get();
      return new Evaluated(
          decisionId,
          decision.get().name(),
          evaluated.isNil() ? null : FeelValues.toJava(evaluated.value()),
          evaluatedDecisions(evaluated.auditLog()));
    } catch (RuntimeException e) {
      // dmn-scala reports failures as values; anything thrown is a bug that must fail the
      // decision, not the engine calling it
      String message = Objects.toString(e.getMessage(), e.getClass().getName());
      return new Failed(decisionId, decisionId, message, List.of());
    }
  }

  // dmn-scala only says "Unable to parse model" for XML problems; the XML parser knows why
  private static String reason(String message, byte[] dmnXml) {
    if (!message.startsWith(DMN_MODEL_FAILURE)) {
      return message;
    }
    try {
      Dmn.readModelFromStream(new ByteArrayInputStream(dmnXml));
      return message;
    } catch (RuntimeException e) {
      Throwable cause = e;
      while (cause.getCause() != null) {
        cause = cause.getCause();
      }
      return cause == e ? message : message + ": " + cause.getMessage();
    }
  }

  // the failing decision is logged with an error as its result, after the ones that succeeded
  private static String failedDecisionId(AuditLog log, String requestedId) {
    String failed = requestedId;
    for (AuditLogEntry entry : CollectionConverters.asJava(log.entries())) {
      if (entry.result().result() instanceof ValError
          || entry.result().result() instanceof ValFatalError) {
        failed = entry.id();
      }
    }
    return failed;
  }

  private static List<EvaluatedDecision> evaluatedDecisions(AuditLog log) {
    ParsedDmn dmn = log.dmn();
    List<EvaluatedDecision> decisions = new ArrayList<>();
    for (AuditLogEntry entry : CollectionConverters.asJava(log.entries())) {
      if (dmn.decisionsById().contains(entry.id())) { // skip business knowledge models
        decisions.add(evaluatedDecision(entry));
      }
    }
    return decisions;
  }

  private static EvaluatedDecision evaluatedDecision(AuditLogEntry entry) {
    List<EvaluatedInput> inputs = new ArrayList<>();
    List<MatchedRule> rules = new ArrayList<>();
    if (entry.result() instanceof DecisionTableEvaluationResult table
        && entry.decisionLogic() instanceof ParsedDecisionTable logic) {
      for (Audit.EvaluatedInput in : CollectionConverters.asJava(table.inputs())) {
        Object value = FeelValues.toJava(in.value());
        inputs.add(new EvaluatedInput(in.input().id(), in.input().name(), value));
      }
      // the audit log knows the matched rule, not its position: find it among the table's rules
      List<ParsedRule> allRules = new ArrayList<>();
      CollectionConverters.asJava(logic.rules()).forEach(allRules::add);
      for (Audit.EvaluatedRule rule : CollectionConverters.asJava(table.matchedRules())) {
        List<EvaluatedOutput> outputs = new ArrayList<>();
        for (Audit.EvaluatedOutput out : CollectionConverters.asJava(rule.outputs())) {
          Object value = FeelValues.toJava(out.value());
          outputs.add(new EvaluatedOutput(out.output().id(), out.output().name(), value));
        }
        // rule ids are XML ids, so no two rules are equal
        rules.add(new MatchedRule(rule.rule().id(), allRules.indexOf(rule.rule()) + 1, outputs));
      }
    }
    return new EvaluatedDecision(
        entry.id(),
        entry.name(),
        typeOf(entry.decisionLogic()),
        FeelValues.toJava(entry.result().result()),
        inputs,
        rules);
  }

  private static DecisionType typeOf(ParsedDecisionLogic logic) {
    if (logic instanceof ParsedDecisionTable) return DecisionType.DECISION_TABLE;
    if (logic instanceof ParsedLiteralExpression) return DecisionType.LITERAL_EXPRESSION;
    if (logic instanceof ParsedContext) return DecisionType.CONTEXT;
    if (logic instanceof ParsedList) return DecisionType.LIST;
    if (logic instanceof ParsedRelation) return DecisionType.RELATION;
    if (logic instanceof ParsedFunctionDefinition) return DecisionType.FUNCTION_DEFINITION;
    if (logic instanceof ParsedInvocation) return DecisionType.INVOCATION;
    return DecisionType.UNKNOWN;
  }
}

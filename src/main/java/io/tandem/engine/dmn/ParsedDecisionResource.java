package io.tandem.engine.dmn;

import java.util.List;
import org.camunda.dmn.parser.ParsedDmn;

/**
 * A parsed DMN resource: its decision requirements graph (the {@code <definitions>} element) and
 * the decisions in it, in document order. {@code dmn} is dmn-scala's model, kept so that the
 * resource is parsed once and evaluated many times; pass the whole record back to {@link
 * DecisionService#evaluate}.
 */
public record ParsedDecisionResource(
    String resourceName,
    String decisionRequirementsId,
    String decisionRequirementsName,
    String namespace,
    List<Decision> decisions,
    ParsedDmn dmn)
    implements DecisionParseResult {

  public ParsedDecisionResource {
    decisions = List.copyOf(decisions);
  }

  public record Decision(String decisionId, String decisionName) {}

  // dmn-scala's model prints as the whole parsed tree: leave it out
  @Override
  public String toString() {
    return "ParsedDecisionResource[resourceName=%s, decisionRequirementsId=%s, decisions=%s]"
        .formatted(resourceName, decisionRequirementsId, decisions);
  }
}

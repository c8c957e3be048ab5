package io.tandem.engine.dmn;

import static org.assertj.core.api.Assertions.assertThat;

import io.tandem.engine.dmn.ParsedDecisionResource.Decision;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DecisionServiceParseTest {

  private final DecisionService service = new DecisionService();

  @Test
  void shouldDescribeTheDecisionRequirementsGraph() {
    ParsedDecisionResource resource = parse("triage.dmn");

    assertThat(resource.resourceName()).isEqualTo("triage.dmn");
    assertThat(resource.decisionRequirementsId()).isEqualTo("triage-policy");
    assertThat(resource.decisionRequirementsName()).isEqualTo("Triage policy");
    assertThat(resource.namespace()).isEqualTo("http://tandem.io/dmn/triage");
    assertThat(resource.decisions()).containsExactly(new Decision("triage", "Triage"));
    assertThat(resource.toString()).doesNotContain("ParsedDecisionTable");
  }

  @Test
  void shouldListDecisionsInDocumentOrder() {
    assertThat(parse("triage-drg.dmn").decisions())
        .containsExactly(new Decision("risk-class", "Risk class"), new Decision("route", "Route"));
  }

  @Test
  void shouldRejectFeelThatDoesNotParse() {
    DecisionParseResult.Failure failure =
        parseFailure("invalid-feel.dmn", bytes("invalid-feel.dmn"));

    assertThat(failure.resourceName()).isEqualTo("invalid-feel.dmn");
    assertThat(failure.reason())
        .startsWith("FEEL unary-tests: failed to parse expression '[0.9..'");
  }

  @Test
  void shouldRejectMalformedXmlWithTheParsersReason() {
    assertThat(parseFailure("empty.dmn", new byte[0]).reason())
        .startsWith("Failed to parse DMN")
        .contains("Premature end of file");
    String unclosed =
        "<definitions xmlns=\"https://www.omg.org/spec/DMN/20191111/MODEL/\" id=\"x\"";
    assertThat(parseFailure("unclosed.dmn", unclosed.getBytes(StandardCharsets.UTF_8)).reason())
        .startsWith("Failed to parse DMN")
        .contains("Line=1");
  }

  @Test
  void shouldRejectXmlThatIsNotDmn() {
    String bpmn =
        "<bpmn:definitions xmlns:bpmn=\"http://www.omg.org/spec/BPMN/20100524/MODEL\" id=\"p\"/>";
    assertThat(parseFailure("process.bpmn", bpmn.getBytes(StandardCharsets.UTF_8)).reason())
        .contains("Cannot find the declaration of element 'bpmn:definitions'");
  }

  private ParsedDecisionResource parse(String name) {
    return TestDmn.parse(service, name);
  }

  private DecisionParseResult.Failure parseFailure(String name, byte[] xml) {
    DecisionParseResult result = service.parse(name, xml);
    assertThat(result).isInstanceOf(DecisionParseResult.Failure.class);
    return (DecisionParseResult.Failure) result;
  }

  private static byte[] bytes(String name) {
    return TestDmn.bytes(name);
  }
}

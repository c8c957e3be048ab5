package io.tandem.modeling;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * A DMN decision table read from its XML, for a server-rendered view: inputs, outputs and rules.
 * dmn-js would draw it too, but a table is plain HTML and needs no second bpmn.io bundle.
 */
record DecisionTable(String decisionId, String name, String hitPolicy, List<String> inputs, List<String> outputs,
    List<Rule> rules) {

  record Rule(String id, List<String> inputEntries, List<String> outputEntries, String description) {}

  static DecisionTable parse(String xml, String decisionId) {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setNamespaceAware(true);
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      var document = factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
      for (Element decision : children(document.getDocumentElement(), "decision")) {
        if (!decisionId.equals(decision.getAttribute("id"))) {
          continue;
        }
        List<Element> tables = children(decision, "decisionTable");
        if (tables.isEmpty()) {
          return new DecisionTable(decisionId, decision.getAttribute("name"), null, List.of(), List.of(), List.of());
        }
        Element table = tables.get(0);
        List<String> inputs = children(table, "input").stream().map(i -> {
          String label = i.getAttribute("label");
          return label.isBlank() ? text(children(i, "inputExpression")) : label;
        }).toList();
        List<String> outputs = children(table, "output").stream()
            .map(o -> o.getAttribute("label").isBlank() ? o.getAttribute("name") : o.getAttribute("label")).toList();
        List<Rule> rules = new ArrayList<>();
        for (Element rule : children(table, "rule")) {
          rules.add(new Rule(rule.getAttribute("id"),
              children(rule, "inputEntry").stream().map(e -> text(List.of(e))).toList(),
              children(rule, "outputEntry").stream().map(e -> text(List.of(e))).toList(),
              text(children(rule, "description"))));
        }
        String hitPolicy = table.getAttribute("hitPolicy");
        return new DecisionTable(decisionId, decision.getAttribute("name"), hitPolicy.isBlank() ? "UNIQUE" : hitPolicy,
            inputs, outputs, rules);
      }
      throw new IllegalArgumentException("no decision " + decisionId + " in its DMN");
    } catch (IllegalArgumentException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalArgumentException("unreadable DMN: " + e.getMessage(), e);
    }
  }

  private static List<Element> children(Element parent, String localName) {
    List<Element> found = new ArrayList<>();
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && localName.equals(e.getLocalName())) {
        found.add(e);
      }
    }
    return found;
  }

  /** The text of an element's {@code <text>} child, or its own text. */
  private static String text(List<Element> elements) {
    if (elements.isEmpty()) {
      return "";
    }
    List<Element> texts = children(elements.get(0), "text");
    return (texts.isEmpty() ? elements.get(0) : texts.get(0)).getTextContent().strip();
  }
}

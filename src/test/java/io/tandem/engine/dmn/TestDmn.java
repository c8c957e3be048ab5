package io.tandem.engine.dmn;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;

/** The DMN files under src/test/resources/dmn. */
final class TestDmn {

  private TestDmn() {}

  static byte[] bytes(String name) {
    try (InputStream in = TestDmn.class.getResourceAsStream("/dmn/" + name)) {
      assertThat(in).as(name).isNotNull();
      return in.readAllBytes();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static ParsedDecisionResource parse(DecisionService service, String name) {
    DecisionParseResult result = service.parse(name, bytes(name));
    assertThat(result).isInstanceOf(ParsedDecisionResource.class);
    return (ParsedDecisionResource) result;
  }
}

package io.tandem.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LabelledTsvTest {

  private static List<LabelledExample> read(String tsv) {
    return LabelledTsv.read(
        new ByteArrayInputStream(tsv.getBytes(StandardCharsets.UTF_8)), "test.tsv");
  }

  @Test
  void shouldSkipHeaderCommentsAndBlankLines() {
    // when
    List<LabelledExample> examples =
        read("sentence\tlabel\n# a comment\n\nFree £££ now!\t0\nsee you at 6 \t1\n");

    // then
    assertThat(examples)
        .containsExactly(
            new LabelledExample("Free £££ now!", "0"), new LabelledExample("see you at 6", "1"));
  }

  @Test
  void shouldSplitAtTheLastTab() {
    assertThat(read("a\tb\tham\n")).containsExactly(new LabelledExample("a\tb", "ham"));
  }

  @Test
  void shouldRejectALineWithoutALabel() {
    assertThatThrownBy(() -> read("no label here\n"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("test.tsv:1");
  }

  @Test
  void shouldRenameCodedLabels() {
    // given
    List<LabelledExample> coded = read("win a prize\t0\nlunch?\t1\n");

    // when
    List<LabelledExample> named = LabelledTsv.relabel(coded, Map.of("0", "spam", "1", "ham"));

    // then
    assertThat(named).extracting(LabelledExample::label).containsExactly("spam", "ham");
  }
}

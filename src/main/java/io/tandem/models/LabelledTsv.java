package io.tandem.models;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads labelled examples from a UTF-8 TSV: {@code text<TAB>label} a line. Blank lines and lines
 * starting with {@code #} are skipped, and so is a header line whose label column reads {@code
 * label}. The text is everything before the last tab.
 */
public final class LabelledTsv {

  private LabelledTsv() {}

  public static List<LabelledExample> read(Path path) {
    try (InputStream in = Files.newInputStream(path)) {
      return read(in, path.toString());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + path, e);
    }
  }

  public static List<LabelledExample> read(InputStream in, String source) {
    List<LabelledExample> examples = new ArrayList<>();
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      int number = 0;
      while ((line = reader.readLine()) != null) {
        number++;
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        int tab = line.lastIndexOf('\t');
        if (tab < 0) {
          throw new IllegalArgumentException(source + ":" + number + ": no tab in line");
        }
        String label = line.substring(tab + 1).strip();
        if (number == 1 && label.equalsIgnoreCase("label")) {
          continue;
        }
        examples.add(new LabelledExample(line.substring(0, tab).strip(), label));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + source, e);
    }
    return examples;
  }

  /** Renames labels, e.g. {@code 0 -> spam, 1 -> ham} for a data set that codes them. */
  public static List<LabelledExample> relabel(
      List<LabelledExample> examples, Map<String, String> names) {
    return examples.stream()
        .map(e -> new LabelledExample(e.text(), names.getOrDefault(e.label(), e.label())))
        .toList();
  }

  /** Parses label codes such as {@code 0=spam,1=ham}. */
  public static Map<String, String> codes(String pairs) {
    Map<String, String> codes = new LinkedHashMap<>();
    for (String pair : pairs.split(",")) {
      String[] parts = pair.split("=", 2);
      codes.put(parts[0].trim(), parts[1].trim());
    }
    return codes;
  }
}

package io.tandem.review;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Counts the answers of a consensus review against the quorum rule. */
@Component
// public: the Camunda starter invokes job worker methods reflectively
public class TallyWorker {

  @JobWorker(type = "tandem.tally", fetchVariables = {"answers", "quorum"})
  public Map<String, Object> tally(@Variable List<Map<String, Object>> answers, @Variable(optional = true) Integer quorum) {
    List<String> given = answers.stream().map(a -> a == null ? null : (String) a.get("answer")).toList();
    return Map.of("tally", Tally.of(given, quorum));
  }
}

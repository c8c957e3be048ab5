package io.tandem.review;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The outcome of a consensus review: the answer a quorum of reviewers gave, if any. The quorum is
 * a strict majority of the answers collected by default (2 of 3), or a configured count.
 */
public record Tally(boolean agreed, String answer, Map<String, Integer> votes, int quorum, String summary) {

  public static Tally of(List<String> answers, Integer requiredQuorum) {
    Map<String, Integer> votes = new LinkedHashMap<>();
    for (String answer : answers) {
      if (answer != null) {
        votes.merge(answer, 1, Integer::sum);
      }
    }
    int quorum = requiredQuorum != null && requiredQuorum > 0 ? requiredQuorum : answers.size() / 2 + 1;
    var top = votes.entrySet().stream().max(Map.Entry.comparingByValue());
    boolean tie = top.isPresent() && votes.values().stream().filter(v -> v.equals(top.get().getValue())).count() > 1;
    boolean agreed = top.isPresent() && !tie && top.get().getValue() >= quorum;
    String summary = "%d of %d answers %s; quorum %d %s".formatted(
        top.map(Map.Entry::getValue).orElse(0), answers.size(),
        top.map(e -> "say '" + e.getKey() + "'").orElse("given"), quorum, agreed ? "reached" : "missed");
    return new Tally(agreed, agreed ? top.get().getKey() : null, votes, quorum, summary);
  }
}

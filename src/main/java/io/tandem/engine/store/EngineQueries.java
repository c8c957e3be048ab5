package io.tandem.engine.store;

import org.springframework.jdbc.core.JdbcTemplate;

/** The read side of the search API, one query class per resource. */
public record EngineQueries(
    ProcessInstanceQueries processInstances,
    ElementInstanceQueries elementInstances,
    IncidentQueries incidents,
    VariableQueries variables,
    DefinitionQueries definitions) {

  public EngineQueries(JdbcTemplate jdbc) {
    this(new ProcessInstanceQueries(jdbc), new ElementInstanceQueries(jdbc), new IncidentQueries(jdbc),
        new VariableQueries(jdbc), new DefinitionQueries(jdbc));
  }
}

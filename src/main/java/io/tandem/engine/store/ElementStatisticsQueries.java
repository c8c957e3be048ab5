package io.tandem.engine.store;

import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Counts of a process definition's element instances per element and state, as Camunda's
 * element statistics report them: an active instance with an incident counts as an incident, not
 * as active. Process and multi-instance body rows are left out (they would count an element twice).
 */
public final class ElementStatisticsQueries {

  public record ElementStatistics(String elementId, long active, long canceled, long incidents, long completed) {}

  private final JdbcTemplate jdbc;

  public ElementStatisticsQueries(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  public List<ElementStatistics> ofProcessDefinition(long processDefinitionKey) {
    return jdbc.query("""
        select element_id,
               count(*) filter (where state = 'ACTIVE' and incident_key is null) as active,
               count(*) filter (where state = 'TERMINATED') as canceled,
               count(*) filter (where state = 'ACTIVE' and incident_key is not null) as incidents,
               count(*) filter (where state = 'COMPLETED') as completed
        from engine_element_instance
        where process_definition_key = ? and type not in ('PROCESS', 'MULTI_INSTANCE_BODY')
        group by element_id order by element_id""",
        (rs, row) -> new ElementStatistics(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4),
            rs.getLong(5)),
        processDefinitionKey);
  }
}

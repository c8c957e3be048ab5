package io.tandem.engine.api;

import io.camunda.client.protocol.rest.ProcessDefinitionElementStatisticsQueryResult;
import io.camunda.client.protocol.rest.ProcessElementStatisticsResult;
import io.tandem.engine.ConditionalOnEngine;
import io.tandem.engine.store.ElementStatisticsQueries;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Element statistics of a process definition (Camunda 8.8's
 * {@code POST /v2/process-definitions/{key}/statistics/element-instances}): per element, how many
 * instances are active, have an incident, completed or were canceled. The request's filter is not
 * applied: the counts always cover all of the definition's instances.
 */
@ConditionalOnEngine
@RestController
@RequestMapping("/v2/process-definitions")
class ProcessDefinitionStatisticsController {

  private final ElementStatisticsQueries statistics;

  ProcessDefinitionStatisticsController(JdbcTemplate jdbc) {
    this.statistics = new ElementStatisticsQueries(jdbc);
  }

  @PostMapping("/{key}/statistics/element-instances")
  ProcessDefinitionElementStatisticsQueryResult elementStatistics(@PathVariable("key") String key) {
    long processDefinitionKey = Keys.parse(key, "processDefinitionKey");
    return new ProcessDefinitionElementStatisticsQueryResult().items(
        statistics.ofProcessDefinition(processDefinitionKey).stream()
            .map(s -> new ProcessElementStatisticsResult().elementId(s.elementId()).active(s.active())
                .canceled(s.canceled()).incidents(s.incidents()).completed(s.completed()))
            .toList());
  }
}

package io.tandem.console;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.search.enums.UserTaskState;
import io.camunda.client.api.search.response.UserTask;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Open review tasks per flow, now: how many, and how long the oldest has waited. */
@Component
class OpsQueue {

  record QueueState(String flow, long open, long overdue, Long oldestAgeSeconds) {}

  private final CamundaClient camunda;
  private final JdbcTemplate jdbc;

  OpsQueue(CamundaClient camunda, JdbcTemplate jdbc) {
    this.camunda = camunda;
    this.jdbc = jdbc;
  }

  QueueState of(String flow) {
    List<UserTask> tasks = camunda.newUserTaskSearchRequest()
        .filter(f -> f.state(UserTaskState.CREATED))
        .sort(s -> s.creationDate().asc())
        .page(p -> p.limit(1000)).send().join().items();
    Long[] instances = tasks.stream().map(UserTask::getProcessInstanceKey).distinct().toArray(Long[]::new);
    Map<Long, String> flows = new HashMap<>();
    if (instances.length > 0) {
      jdbc.query("select process_instance_key, flow from review_case where process_instance_key = any(?)",
          rs -> { flows.put(rs.getLong(1), rs.getString(2)); }, (Object) instances);
    }
    OffsetDateTime now = OffsetDateTime.now();
    List<UserTask> mine = tasks.stream().filter(t -> flow.equals(flows.get(t.getProcessInstanceKey()))).toList();
    long overdue = mine.stream().filter(t -> t.getDueDate() != null && t.getDueDate().isBefore(now)).count();
    Long oldest = mine.isEmpty() || mine.get(0).getCreationDate() == null ? null
        : Duration.between(mine.get(0).getCreationDate().toInstant(), Instant.now()).toSeconds();
    return new QueueState(flow, mine.size(), overdue, oldest);
  }
}

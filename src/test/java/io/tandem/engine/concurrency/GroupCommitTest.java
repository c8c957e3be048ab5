package io.tandem.engine.concurrency;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.api.command.ProblemException;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.builder.AbstractFlowNodeBuilder;
import io.tandem.engine.EngineTest;
import io.tandem.engine.processing.Engine;
import io.tandem.engine.processing.GroupCommitStats;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The group commit under concurrent callers, through the client: commands share transactions, a
 * rejected command fails alone, and commands on one instance see each other's changes.
 */
class GroupCommitTest extends EngineTest {

  private static final int CALLERS = 16;

  @Autowired Engine engine;
  private final ExecutorService callers = Executors.newFixedThreadPool(CALLERS);

  @AfterAll
  void stopCallers() {
    callers.shutdownNow();
  }

  @Test
  void shouldCommitConcurrentCommandsInSharedBatches() throws Exception {
    // given
    deploy(Bpmn.createExecutableProcess("batched").startEvent().serviceTask("work", t -> t.zeebeJobType("batched-work"))
        .endEvent().done());
    GroupCommitStats before = engine.groupCommitStats();

    // when: 200 instances created and their jobs completed by 16 concurrent callers
    List<Long> instances = all(IntStream.range(0, 200).mapToObj(i -> call(() -> start("batched", Map.of("i", i)))).toList());
    List<ActivatedJob> jobs = activateAll("batched-work", instances.size());
    all(jobs.stream().map(job -> call(() -> {
      client.newCompleteCommand(job).variables(Map.of("done", true)).send().join();
      return job.getKey();
    })).toList());

    // then: every instance ran its course once, and the commands shared transactions
    assertThat(instances).doesNotHaveDuplicates();
    instances.forEach(instance -> {
      assertThat(instanceState(instance)).isEqualTo("COMPLETED");
      assertThat(rootVariables(instance)).containsEntry("done", true).containsKey("i");
    });
    assertThat(trace(instances.get(0))).containsSubsequence("work:ELEMENT_COMPLETED", "batched:ELEMENT_COMPLETED");
    GroupCommitStats after = engine.groupCommitStats();
    long commands = after.batchedCommands() - before.batchedCommands();
    assertThat(commands).isEqualTo(400);
    assertThat(after.batches() - before.batches()).isLessThan(commands);
    assertThat(after.commandsRunAlone()).isEqualTo(before.commandsRunAlone());
  }

  @Test
  void shouldRejectACommandWithoutFailingTheOthersOfItsBatch() throws Exception {
    // given: 40 instances with an activated job each; 20 of the jobs failed without retries
    deploy(Bpmn.createExecutableProcess("rejected").startEvent().serviceTask("work", t -> t.zeebeJobType("rejected-work"))
        .endEvent().done());
    List<Long> instances = all(IntStream.range(0, 40).mapToObj(i -> call(() -> start("rejected", Map.of()))).toList());
    List<ActivatedJob> jobs = activateAll("rejected-work", instances.size());
    List<ActivatedJob> failed = jobs.subList(0, 20);
    failed.forEach(job -> client.newFailCommand(job).retries(0).errorMessage("broken").send().join());
    GroupCommitStats before = engine.groupCommitStats();

    // when: all 40 completed at once, among 40 new instances; a failed job's completion is rejected
    // inside its command, which rolls back whatever shared its batch
    List<CompletableFuture<Integer>> answers = new ArrayList<>();
    List<CompletableFuture<Long>> created = new ArrayList<>();
    for (ActivatedJob job : jobs) {
      answers.add(CompletableFuture.supplyAsync(() -> {
        try {
          client.newCompleteCommand(job).send().join();
          return 200;
        } catch (ProblemException rejected) {
          return rejected.details().getStatus();
        }
      }, callers));
      created.add(call(() -> start("rejected", Map.of())));
    }
    List<Integer> statuses = all(answers);
    List<Long> newInstances = all(created);

    // then: the 20 failed jobs' completions are refused as Camunda refuses them, the rest went through
    assertThat(statuses.subList(0, 20)).containsOnly(409);
    assertThat(statuses.subList(20, 40)).containsOnly(200);
    jobs.forEach(job -> assertThat(instanceState(job.getProcessInstanceKey()))
        .isEqualTo(failed.contains(job) ? "ACTIVE" : "COMPLETED"));
    failed.forEach(job -> assertThat(incidents(job.getProcessInstanceKey())).hasSize(1));
    assertThat(engine.groupCommitStats().commandsRunAlone() - before.commandsRunAlone()).isGreaterThanOrEqualTo(20);
    // and each new instance was started once, even if its batch was rolled back and it ran again alone
    newInstances.forEach(instance -> {
      assertThat(trace(instance)).hasSize(5).endsWith("work:ELEMENT_ACTIVATED");
      assertThat(jdbc.queryForObject("select count(*) from engine_element_instance where process_instance_key = ?",
          Integer.class, instance)).isEqualTo(3);
      // the document holds just the element instances that are active, nothing left from a first run
      assertThat(jdbc.queryForList("select jsonb_object_keys(document -> 'elements') from engine_process_instance"
          + " where key = ?", String.class, instance)).containsExactlyInAnyOrderElementsOf(jdbc.queryForList(
          "select key::text from engine_element_instance where process_instance_key = ? and state = 'ACTIVE'",
          String.class, instance));
    });
  }

  @Test
  void shouldLetCommandsOnOneInstanceSeeEachOther() throws Exception {
    // given: eight parallel service tasks joined again
    var fork = Bpmn.createExecutableProcess("same-instance").startEvent().parallelGateway("fork");
    AbstractFlowNodeBuilder<?, ?> branch = fork.serviceTask("task-0", t -> t.zeebeJobType("same-instance-work"))
        .parallelGateway("join").endEvent();
    for (int i = 1; i < 8; i++) {
      branch = branch.moveToNode("fork").serviceTask("task-" + i, t -> t.zeebeJobType("same-instance-work"))
          .connectTo("join");
    }
    deploy(branch.done());
    long instance = start("same-instance", Map.of());
    List<ActivatedJob> jobs = activateAll("same-instance-work", 8);

    // when: the eight jobs completed at once, each with a variable of its own
    all(IntStream.range(0, 8).mapToObj(i -> call(() -> {
      client.newCompleteCommand(jobs.get(i)).variables(Map.of("v" + i, i)).send().join();
      return i;
    })).toList());

    // then: the join saw every branch, and no completion overwrote another's variable
    assertThat(instanceState(instance)).isEqualTo("COMPLETED");
    assertThat(rootVariables(instance)).containsKeys("v0", "v1", "v2", "v3", "v4", "v5", "v6", "v7");
    List<String> trace = trace(instance);
    assertThat(trace).filteredOn(step -> step.matches("task-\\d:ELEMENT_COMPLETED")).hasSize(8);
    assertThat(trace).filteredOn(step -> step.equals("join:ELEMENT_COMPLETED")).hasSize(1);
  }

  private <T> CompletableFuture<T> call(Supplier<T> command) {
    return CompletableFuture.supplyAsync(command, callers);
  }

  private static <T> List<T> all(List<CompletableFuture<T>> futures) throws Exception {
    CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(2, TimeUnit.MINUTES);
    return futures.stream().map(CompletableFuture::join).toList();
  }

  private List<ActivatedJob> activateAll(String type, int count) {
    List<ActivatedJob> jobs = new ArrayList<>();
    while (jobs.size() < count) {
      jobs.addAll(activate(type, count - jobs.size()));
    }
    return jobs;
  }
}

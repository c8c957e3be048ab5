package io.tandem.bench;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.search.enums.UserTaskState;
import io.camunda.client.api.search.response.SearchResponse;
import io.camunda.client.api.search.response.UserTask;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.tandem.TandemApplication;
import io.tandem.engine.processing.Engine;
import io.tandem.engine.store.Search;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Benchmark of the tasklist's search (not a test; run {@code bench/usertasks.sh}): starts Tandem on a
 * fresh embedded PostgreSQL, creates {@code bench.tasks} open Camunda user tasks through the
 * Camunda client (parallel multi-instance user tasks, 100 per process instance, each with one or two
 * of 20 candidate groups and a random priority), then measures through the client:
 * <ol>
 *   <li>the user task search with a candidate-group filter, state CREATED and priority sort (the
 *       tasklist's queue query), first pages and cursor pages, as p50/p95/p99/max;</li>
 *   <li>the time from sending "create process instance" to the new task being returned by a
 *       search (read-your-writes: the first search must already find it).</li>
 * </ol>
 * Figures are printed; nothing fails on a time. {@code -Dbench.explain=true} also prints the
 * queue query's time without HTTP and PostgreSQL's plans.
 */
public final class UserTaskSearchBench {

  private static final int GROUPS = 20;
  private static final int TASKS_PER_INSTANCE = 100;

  public static void main(String[] args) throws Exception {
    int tasks = Integer.getInteger("bench.tasks", 100_000);
    int searches = Integer.getInteger("bench.searches", 2_000);
    int visibilitySamples = Integer.getInteger("bench.visibility", 300);
    int threads = Integer.getInteger("bench.threads", 4);
    Path dataDir = Path.of("target", "bench-db", UUID.randomUUID().toString());

    ConfigurableApplicationContext app = new SpringApplication(TandemApplication.class).run(
        "--server.port=0",
        "--tandem.security.engine-client.password=" + BenchCredentials.secret(),
        "--tandem.embedded-db.data-dir=" + dataDir.toAbsolutePath(),
        "--logging.level.root=WARN",
        "--logging.level.io.tandem=WARN",
        "--spring.main.banner-mode=off");
    int port = Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
    try (CamundaClient client = CamundaClient.newClientBuilder()
        .restAddress(URI.create("http://localhost:" + port))
        .grpcAddress(URI.create("http://localhost:26500"))
        .preferRestOverGrpc(true)
        .credentialsProvider(BenchCredentials.engineClient())
        .defaultRequestTimeout(Duration.ofMinutes(2))
        .build()) {
      System.out.printf("%nTandem user task search benchmark: %,d open tasks, %d candidate groups, %d CPUs, heap max %d MiB%n",
          tasks, GROUPS, Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
      populate(client, tasks, threads);
      // what autovacuum does on its own after a bulk load; done here so that runs are comparable
      app.getBean(JdbcTemplate.class).execute("vacuum analyze");
      if (Boolean.getBoolean("bench.explain")) {
        explain(app);
      }
      searchLatency(client, searches);
      visibility(client, visibilitySamples);
    } finally {
      app.close();
    }
  }

  // --- data ---------------------------------------------------------------------------------

  private static void populate(CamundaClient client, int tasks, int threads) throws Exception {
    BpmnModelInstance review = Bpmn.createExecutableProcess("bench-review").startEvent()
        .userTask("review", t -> t.name("Review").zeebeUserTask()
            .zeebeCandidateGroupsExpression("item.groups")
            .zeebeTaskPriorityExpression("item.priority")
            .multiInstance(m -> m.parallel().zeebeInputCollectionExpression("items").zeebeInputElement("item")))
        .endEvent().done();
    client.newDeployResourceCommand().addProcessModel(review, "bench-review.bpmn").send().join();

    int instances = (tasks + TASKS_PER_INSTANCE - 1) / TASKS_PER_INSTANCE;
    Random random = new Random(42);
    List<List<Map<String, Object>>> payloads = new ArrayList<>();
    for (int i = 0; i < instances; i++) {
      List<Map<String, Object>> items = new ArrayList<>();
      int n = Math.min(TASKS_PER_INSTANCE, tasks - i * TASKS_PER_INSTANCE);
      for (int j = 0; j < n; j++) {
        List<String> groups = random.nextInt(4) == 0
            ? List.of(group(random.nextInt(GROUPS)), group(random.nextInt(GROUPS)))
            : List.of(group(random.nextInt(GROUPS)));
        items.add(Map.of("groups", groups, "priority", random.nextInt(101)));
      }
      payloads.add(items);
    }
    long start = System.nanoTime();
    AtomicLong done = new AtomicLong();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<Future<?>> futures = new ArrayList<>();
    for (List<Map<String, Object>> items : payloads) {
      futures.add(pool.submit(() -> {
        client.newCreateInstanceCommand().bpmnProcessId("bench-review").latestVersion()
            .variables(Map.of("items", items)).send().join();
        long count = done.incrementAndGet();
        if (count % 100 == 0) {
          System.out.printf("  created %,d of %,d process instances (%,d tasks)%n", count, instances,
              count * TASKS_PER_INSTANCE);
        }
      }));
    }
    for (Future<?> future : futures) {
      future.get();
    }
    pool.shutdown();
    double seconds = (System.nanoTime() - start) / 1e9;
    SearchResponse<UserTask> all = client.newUserTaskSearchRequest()
        .filter(f -> f.state(UserTaskState.CREATED)).page(p -> p.limit(1)).send().join();
    System.out.printf("Created %,d process instances with %,d user tasks in %.1f s (%.0f tasks/s); search counts %,d%s open tasks%n",
        instances, tasks, seconds, tasks / seconds, all.page().totalItems(),
        Boolean.TRUE.equals(all.page().hasMoreTotalItems()) ? "+" : "");
  }

  private static String group(int i) {
    return "group-" + i;
  }

  /** The queue query without HTTP, and PostgreSQL's plans for its two statements. */
  private static void explain(ConfigurableApplicationContext app) {
    Engine engine = app.getBean(Engine.class);
    JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
    Search.Query query = new Search.Query(List.of(
        new Search.Match("candidateGroup", Search.Op.EQ, "group-3"),
        new Search.Match("state", Search.Op.EQ, "CREATED")),
        List.of(new Search.Sort("priority", true)), Search.PageRequest.first(50));
    for (int i = 0; i < 200; i++) {
      engine.stores().userTasks().search(query);
    }
    long[] direct = new long[500];
    for (int i = 0; i < direct.length; i++) {
      long start = System.nanoTime();
      engine.stores().userTasks().search(query);
      direct[i] = System.nanoTime() - start;
    }
    print("store search (no HTTP)", direct);
    for (String sql : List.of(
        "explain analyze select count(*) from (select 1 from engine_user_task t where true and t.candidate_groups @> array['group-3']::text[] and t.state = 'CREATED' limit 10001) c",
        "explain analyze select t.key, t.priority from engine_user_task t where true and t.candidate_groups @> array['group-3']::text[] and t.state = 'CREATED' order by t.priority desc, t.key asc limit 50 offset 0")) {
      jdbc.queryForList(sql, String.class).forEach(System.out::println);
    }
  }

  // --- search latency -----------------------------------------------------------------------

  private static void searchLatency(CamundaClient client, int searches) {
    Random random = new Random(7);
    for (int i = 0; i < 300; i++) { // warm up the JIT and PostgreSQL's caches
      queue(client, group(random.nextInt(GROUPS)), null);
    }
    long[] firstPages = new long[searches];
    long[] nextPages = new long[searches];
    long matched = 0;
    for (int i = 0; i < searches; i++) {
      String group = group(random.nextInt(GROUPS));
      long start = System.nanoTime();
      SearchResponse<UserTask> first = queue(client, group, null);
      firstPages[i] = System.nanoTime() - start;
      matched += first.page().totalItems();
      start = System.nanoTime();
      queue(client, group, first.page().endCursor());
      nextPages[i] = System.nanoTime() - start;
    }
    System.out.printf("%nUser task search: filter candidateGroup + state CREATED, sort priority desc, page of 50"
        + " (end to end through the Camunda Java client; %,d searches, %,d matching tasks per group on average)%n",
        searches, matched / searches);
    print("first page", firstPages);
    print("next page (after cursor)", nextPages);
  }

  private static SearchResponse<UserTask> queue(CamundaClient client, String group, String after) {
    return client.newUserTaskSearchRequest()
        .filter(f -> f.candidateGroup(group).state(UserTaskState.CREATED))
        .sort(s -> s.priority().desc())
        .page(p -> {
          p.limit(50);
          if (after != null) {
            p.after(after);
          }
        })
        .send().join();
  }

  // --- visibility ---------------------------------------------------------------------------

  private static void visibility(CamundaClient client, int samples) {
    client.newDeployResourceCommand().addProcessModel(Bpmn.createExecutableProcess("bench-fresh").startEvent()
        .userTask("fresh", t -> t.zeebeUserTask().zeebeCandidateGroupsExpression("[group]"))
        .endEvent().done(), "bench-fresh.bpmn").send().join();
    long[] creates = new long[samples];
    long[] searches = new long[samples];
    long[] latencies = new long[samples];
    int foundByFirstSearch = 0;
    for (int i = 0; i < samples; i++) {
      String group = "fresh-" + i;
      long start = System.nanoTime();
      client.newCreateInstanceCommand().bpmnProcessId("bench-fresh").latestVersion()
          .variables(Map.of("group", group)).send().join();
      long created = System.nanoTime();
      int attempts = 0;
      List<UserTask> found;
      do {
        attempts++;
        found = client.newUserTaskSearchRequest().filter(f -> f.candidateGroup(group).state(UserTaskState.CREATED))
            .send().join().items();
      } while (found.isEmpty());
      long visible = System.nanoTime();
      creates[i] = created - start;
      searches[i] = visible - created;
      latencies[i] = visible - start;
      if (attempts == 1) {
        foundByFirstSearch++;
      }
    }
    System.out.printf("%nTask creation to visibility in search (create a process instance with one user task, then"
        + " search by its candidate group; %d samples, %d found by the first search)%n", samples, foundByFirstSearch);
    print("create command (committed)", creates);
    print("first search (finds it)", searches);
    print("create + first search", latencies);
  }

  private static void print(String what, long[] nanos) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    System.out.printf("  %-28s p50 %6.1f ms   p95 %6.1f ms   p99 %6.1f ms   max %6.1f ms%n", what,
        percentile(sorted, 0.50), percentile(sorted, 0.95), percentile(sorted, 0.99), sorted[sorted.length - 1] / 1e6);
  }

  private static double percentile(long[] sorted, double p) {
    int index = (int) Math.ceil(p * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(index, sorted.length - 1))] / 1e6;
  }

  private UserTaskSearchBench() {}
}

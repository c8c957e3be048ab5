package io.tandem.engine.store;

import com.fasterxml.jackson.core.JsonGenerator;
import io.tandem.engine.state.InstanceDocument;
import java.io.IOException;
import java.io.StringWriter;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.IntFunction;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The writes of one or more commands, each on its own process instance, at their end: the documents,
 * each command's records appended to the log as one batch, the element instances they started and
 * ended, and the jobs they created and deleted. They go in one statement (data-modifying CTEs over
 * unnested arrays), so a group of commands costs one round trip and one plan, whatever its number of
 * records and elements. Incidents and variables, which most commands do not touch, are projected by
 * {@link ProjectionStore}.
 */
public final class InstanceWrites {

  /** One command's changes to its instance: {@code elementNames} gives an element's name by its id. */
  public record Change(InstanceDocument document, boolean isNew, List<EngineRecord> records,
      Collection<JobRow> createdJobs, Collection<Long> deletedJobs, Instant now,
      Function<String, String> elementNames) {}

  /**
   * Sent with the write (and a group commit's lock), in the same round trip: PostgreSQL would
   * otherwise plan these statements anew each time, because their generic plan, costed for ten rows
   * per array, looks dearer than one made for the actual arrays; planning cost more than running
   * them. Holds for the transaction.
   */
  static final String GENERIC_PLANS = "set local plan_cache_mode = force_generic_plan;\n";

  private static final String WRITE = GENERIC_PLANS + """
      with records as (
        insert into engine_record_batch (process_instance_key, created_at, records)
        select p, t, r::jsonb from unnest(?::bigint[], ?::timestamptz[], ?::text[]) as b(p, t, r)),
      started as (
        insert into engine_element_instance (key, process_instance_key, process_definition_key,
          bpmn_process_id, element_id, element_name, type, state, flow_scope_key, start_date, end_date,
          tenant_id)
        select k, p, d, b, e, n, t, coalesce(s, 'ACTIVE'), f, at, case when s is null then null else at end, tn
        from unnest(?::bigint[], ?::bigint[], ?::bigint[], ?::text[], ?::text[], ?::text[], ?::text[],
          ?::bigint[], ?::text[], ?::timestamptz[], ?::text[]) as a(k, p, d, b, e, n, t, f, s, at, tn)),
      ended as (
        update engine_element_instance i set state = u.s, end_date = u.at
        from unnest(?::bigint[], ?::text[], ?::timestamptz[]) as u(k, s, at) where i.key = u.k),
      jobs_created as (
        insert into engine_job (key, type, state, deadline, worker, retries, custom_headers,
          process_instance_key, element_instance_key, element_id, bpmn_process_id, process_definition_key,
          version, tenant_id, activatable_at, created_at)
        select k, t, s, d, w, r, h::jsonb, p, ei, e, b, pd, v, tn, at, at
        from unnest(?::bigint[], ?::text[], ?::text[], ?::timestamptz[], ?::text[], ?::int[], ?::text[],
          ?::bigint[], ?::bigint[], ?::text[], ?::text[], ?::bigint[], ?::int[], ?::text[], ?::timestamptz[])
          as j(k, t, s, d, w, r, h, p, ei, e, b, pd, v, tn, at)),
      jobs_deleted as (
        delete from engine_job where key = any(?::bigint[])),
      inserted as (
        insert into engine_process_instance (key, bpmn_process_id, process_definition_key, version,
          state, has_incident, start_date, end_date, tenant_id, document)
        select k, b, d, v, s, h, sd, ed, tn, doc::jsonb
        from unnest(?::bigint[], ?::text[], ?::bigint[], ?::int[], ?::text[], ?::boolean[], ?::timestamptz[],
          ?::timestamptz[], ?::text[], ?::text[]) as n(k, b, d, v, s, h, sd, ed, tn, doc))
      update engine_process_instance i set state = u.s, has_incident = u.h, end_date = u.ed,
        document = u.doc::jsonb
      from unnest(?::bigint[], ?::text[], ?::boolean[], ?::timestamptz[], ?::text[]) as u(k, s, h, ed, doc)
      where i.key = u.k""";

  private final JdbcTemplate jdbc;

  public InstanceWrites(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** Writes the changes of commands on distinct instances, in one statement. */
  public void write(List<Change> changes) {
    List<Object> args = new ArrayList<>(64);
    addRecordBatches(args, changes);
    addElementInstances(args, changes);
    addJobs(args, changes);
    args.add(changes.stream().flatMap(c -> c.deletedJobs().stream()).toArray(Long[]::new));
    addInsertedDocuments(args, changes.stream().filter(Change::isNew).toList());
    addUpdatedDocuments(args, changes.stream().filter(c -> !c.isNew()).toList());
    jdbc.update(WRITE, args.toArray());
  }

  private static void addRecordBatches(List<Object> args, List<Change> changes) {
    List<Change> withRecords = changes.stream().filter(c -> !c.records().isEmpty()).toList();
    Collections.addAll(args,
        column(withRecords, c -> c.document().key, Long[]::new),
        column(withRecords, c -> Timestamp.from(c.now()), Timestamp[]::new),
        column(withRecords, c -> batch(c.records()), String[]::new));
  }

  /** The documents of new instances, with the columns searches filter on. */
  private static void addInsertedDocuments(List<Object> args, List<Change> inserted) {
    Collections.addAll(args,
        column(inserted, c -> c.document().key, Long[]::new),
        column(inserted, c -> c.document().bpmnProcessId, String[]::new),
        column(inserted, c -> c.document().processDefinitionKey, Long[]::new),
        column(inserted, c -> c.document().version, Integer[]::new),
        column(inserted, c -> c.document().state.name(), String[]::new),
        column(inserted, InstanceWrites::hasIncident, Boolean[]::new),
        column(inserted, c -> InstanceStore.timestamp(c.document().startedAtMillis), Timestamp[]::new),
        column(inserted, c -> InstanceStore.timestamp(c.document().endedAtMillis), Timestamp[]::new),
        column(inserted, c -> c.document().tenantId, String[]::new),
        column(inserted, c -> Json.write(c.document()), String[]::new));
  }

  /** The documents of existing instances, with the columns a command can change. */
  private static void addUpdatedDocuments(List<Object> args, List<Change> updated) {
    Collections.addAll(args,
        column(updated, c -> c.document().key, Long[]::new),
        column(updated, c -> c.document().state.name(), String[]::new),
        column(updated, InstanceWrites::hasIncident, Boolean[]::new),
        column(updated, c -> InstanceStore.timestamp(c.document().endedAtMillis), Timestamp[]::new),
        column(updated, c -> Json.write(c.document()), String[]::new));
  }

  private static boolean hasIncident(Change change) {
    return change.document().elements.values().stream().anyMatch(e -> e.incidentKey != null);
  }

  /**
   * The command's records as one JSON array, the row of {@code engine_record_batch}. Written field
   * by field, absent fields left out.
   */
  private static String batch(List<EngineRecord> records) {
    StringWriter json = new StringWriter(records.size() * 160);
    try (JsonGenerator out = Json.MAPPER.getFactory().createGenerator(json)) {
      out.writeStartArray();
      for (EngineRecord r : records) {
        out.writeStartObject();
        out.writeStringField("valueType", r.valueType());
        out.writeStringField("intent", r.intent());
        out.writeNumberField("key", r.key());
        writeIfPresent(out, "elementId", r.elementId());
        writeIfPresent(out, "elementType", r.elementType());
        writeIfPresent(out, "flowScopeKey", r.flowScopeKey());
        writeIfPresent(out, "payload", r.payload());
        out.writeEndObject();
      }
      out.writeEndArray();
    } catch (IOException e) {
      throw new IllegalStateException("records not serializable as JSON", e);
    }
    return json.toString();
  }

  private static void writeIfPresent(JsonGenerator out, String field, Object value) throws IOException {
    if (value != null) {
      out.writeFieldName(field);
      out.writeObject(value);
    }
  }

  /** An element instance a command started, with its end state if it also ended in the command. */
  private record Started(Change change, EngineRecord record, String endState) {}

  /** An element instance of an earlier command that ended in this one. */
  private record Ended(Change change, long key, String state) {}

  /**
   * Element instances started (inserted; in their end state when they also ended in the same command,
   * which spares an update) and element instances of earlier commands that ended (updated).
   */
  private static void addElementInstances(List<Object> args, List<Change> changes) {
    List<Started> started = new ArrayList<>();
    List<Ended> ended = new ArrayList<>();
    for (Change change : changes) {
      List<EngineRecord> startedHere = new ArrayList<>();
      Map<Long, String> endStates = new LinkedHashMap<>();
      for (EngineRecord r : change.records()) {
        if ("PROCESS_INSTANCE".equals(r.valueType())) {
          switch (r.intent()) {
            case "ELEMENT_ACTIVATING" -> startedHere.add(r);
            case "ELEMENT_COMPLETED" -> endStates.put(r.key(), "COMPLETED");
            case "ELEMENT_TERMINATED" -> endStates.put(r.key(), "TERMINATED");
            default -> { }
          }
        }
      }
      // taken out of endStates: what remains there ended elements of earlier commands
      startedHere.forEach(r -> started.add(new Started(change, r, endStates.remove(r.key()))));
      endStates.forEach((key, state) -> ended.add(new Ended(change, key, state)));
    }
    Collections.addAll(args,
        column(started, e -> e.record().key(), Long[]::new),
        column(started, e -> e.change().document().key, Long[]::new),
        column(started, e -> e.change().document().processDefinitionKey, Long[]::new),
        column(started, e -> e.change().document().bpmnProcessId, String[]::new),
        column(started, e -> e.record().elementId(), String[]::new),
        column(started, e -> e.change().elementNames().apply(e.record().elementId()), String[]::new),
        column(started, e -> e.record().elementType(), String[]::new),
        column(started, e -> e.record().flowScopeKey(), Long[]::new),
        column(started, Started::endState, String[]::new),
        column(started, e -> Timestamp.from(e.change().now()), Timestamp[]::new),
        column(started, e -> e.change().document().tenantId, String[]::new),
        column(ended, Ended::key, Long[]::new),
        column(ended, Ended::state, String[]::new),
        column(ended, e -> Timestamp.from(e.change().now()), Timestamp[]::new));
  }

  /** A job a command created, with its command. */
  private record JobChange(Change change, JobRow job) {}

  private static void addJobs(List<Object> args, List<Change> changes) {
    List<JobChange> jobs = new ArrayList<>();
    changes.forEach(change -> change.createdJobs().forEach(job -> jobs.add(new JobChange(change, job))));
    Collections.addAll(args,
        column(jobs, j -> j.job().key(), Long[]::new),
        column(jobs, j -> j.job().type(), String[]::new),
        column(jobs, j -> j.job().state(), String[]::new),
        column(jobs, j -> j.job().deadline() == null ? null : Timestamp.from(j.job().deadline()), Timestamp[]::new),
        column(jobs, j -> j.job().worker(), String[]::new),
        column(jobs, j -> j.job().retries(), Integer[]::new),
        column(jobs, j -> Json.write(j.job().customHeaders()), String[]::new),
        column(jobs, j -> j.change().document().key, Long[]::new),
        column(jobs, j -> j.job().elementInstanceKey(), Long[]::new),
        column(jobs, j -> j.job().elementId(), String[]::new),
        column(jobs, j -> j.change().document().bpmnProcessId, String[]::new),
        column(jobs, j -> j.change().document().processDefinitionKey, Long[]::new),
        column(jobs, j -> j.change().document().version, Integer[]::new),
        column(jobs, j -> j.change().document().tenantId, String[]::new),
        column(jobs, j -> Timestamp.from(j.change().now()), Timestamp[]::new));
  }

  /** One column of the rows, as the array the statement unnests. */
  private static <R, T> T[] column(Collection<R> rows, Function<R, T> value, IntFunction<T[]> array) {
    T[] column = array.apply(rows.size());
    int i = 0;
    for (R row : rows) {
      column[i++] = value.apply(row);
    }
    return column;
  }

}

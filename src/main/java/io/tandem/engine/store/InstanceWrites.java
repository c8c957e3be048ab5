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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.IntFunction;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The writes a command makes to its process instance, at its end: the document, its records
 * appended to the log as one batch, the element instances it started and ended, and the jobs it
 * created and deleted. They go in one statement (data-modifying CTEs over unnested arrays), so a
 * command costs one round trip and one plan, whatever its number of records and elements. Incidents and variables, which most commands do not
 * touch, are projected by {@link ProjectionStore}.
 */
public final class InstanceWrites {

  /**
   * Sent with the write, in the same round trip: PostgreSQL would otherwise plan the write anew for
   * every command, because its generic plan, costed for ten rows per array, looks dearer than one
   * made for the actual arrays; planning it cost more than running it. Holds for the transaction.
   */
  private static final String GENERIC_PLANS = "set local plan_cache_mode = force_generic_plan;\n";

  private static final String CHANGES = GENERIC_PLANS + """
      with records as (
        insert into engine_record_batch (process_instance_key, created_at, records)
        select p, t, r from (values (?::bigint, ?::timestamptz, ?::jsonb)) as b(p, t, r)
        where r is not null),
      started as (
        insert into engine_element_instance (key, process_instance_key, process_definition_key,
          bpmn_process_id, element_id, element_name, type, state, flow_scope_key, start_date, end_date,
          tenant_id)
        select k, ?, ?, ?, e, n, t, coalesce(s, 'ACTIVE'), f, ?::timestamptz,
          case when s is null then null else ?::timestamptz end, ?
        from unnest(?::bigint[], ?::text[], ?::text[], ?::text[], ?::bigint[], ?::text[])
          as a(k, e, n, t, f, s)),
      completed as (
        update engine_element_instance set state = 'COMPLETED', end_date = ?::timestamptz
        where key = any(?::bigint[])),
      terminated as (
        update engine_element_instance set state = 'TERMINATED', end_date = ?::timestamptz
        where key = any(?::bigint[])),
      jobs_created as (
        insert into engine_job (key, type, state, deadline, worker, retries, custom_headers,
          process_instance_key, element_instance_key, element_id, bpmn_process_id, process_definition_key,
          version, tenant_id, activatable_at, created_at)
        select k, t, s, d, w, r, h::jsonb, ?, ei, e, ?, ?, ?, ?, ?::timestamptz, ?::timestamptz
        from unnest(?::bigint[], ?::text[], ?::text[], ?::timestamptz[], ?::text[], ?::int[], ?::text[],
          ?::bigint[], ?::text[]) as j(k, t, s, d, w, r, h, ei, e)),
      jobs_deleted as (
        delete from engine_job where key = any(?::bigint[]))
      """;

  private static final String INSERT_DOCUMENT = CHANGES + """
      insert into engine_process_instance (key, bpmn_process_id, process_definition_key, version,
        state, has_incident, start_date, end_date, tenant_id, document)
      values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb)""";

  private static final String UPDATE_DOCUMENT = CHANGES + """
      update engine_process_instance set state = ?, has_incident = ?, end_date = ?, document = ?::jsonb
      where key = ?""";

  private final JdbcTemplate jdbc;

  public InstanceWrites(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Writes a command's document (inserted when {@code isNew}) and its records, and projects the
   * element instances they start and end; {@code elementNames} gives an element's name by its id.
   */
  public void write(InstanceDocument document, boolean isNew, List<EngineRecord> records,
      Collection<JobRow> createdJobs, Collection<Long> deletedJobs, Instant now,
      Function<String, String> elementNames) {
    Timestamp at = Timestamp.from(now);
    List<Object> args = new ArrayList<>(60);
    Collections.addAll(args, document.key, at, records.isEmpty() ? null : batch(records));
    addElementInstances(args, document, records, at, elementNames);
    addJobs(args, document, createdJobs, at);
    args.add(deletedJobs.toArray(Long[]::new));
    String json = Json.write(document);
    boolean hasIncident = document.elements.values().stream().anyMatch(e -> e.incidentKey != null);
    Timestamp endDate = InstanceStore.timestamp(document.endedAtMillis);
    if (isNew) {
      Collections.addAll(args, document.key, document.bpmnProcessId, document.processDefinitionKey,
          document.version, document.state.name(), hasIncident,
          InstanceStore.timestamp(document.startedAtMillis), endDate, document.tenantId, json);
      jdbc.update(INSERT_DOCUMENT, args.toArray());
    } else {
      Collections.addAll(args, document.state.name(), hasIncident, endDate, json, document.key);
      jdbc.update(UPDATE_DOCUMENT, args.toArray());
    }
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

  /**
   * Element instances started (inserted; in their end state when they also ended in this command,
   * which spares an update) and element instances of earlier commands that ended (updated).
   */
  private static void addElementInstances(List<Object> args, InstanceDocument document,
      List<EngineRecord> records, Timestamp at, Function<String, String> elementNames) {
    List<EngineRecord> started = new ArrayList<>();
    Map<Long, String> endStates = new HashMap<>();
    for (EngineRecord r : records) {
      if ("PROCESS_INSTANCE".equals(r.valueType())) {
        switch (r.intent()) {
          case "ELEMENT_ACTIVATING" -> started.add(r);
          case "ELEMENT_COMPLETED" -> endStates.put(r.key(), "COMPLETED");
          case "ELEMENT_TERMINATED" -> endStates.put(r.key(), "TERMINATED");
          default -> { }
        }
      }
    }
    // taken out of endStates: what remains there ended elements of earlier commands
    String[] startedEndStates = column(started, r -> endStates.remove(r.key()), String[]::new);
    Collections.addAll(args, document.key, document.processDefinitionKey, document.bpmnProcessId, at, at,
        document.tenantId,
        column(started, EngineRecord::key, Long[]::new),
        column(started, EngineRecord::elementId, String[]::new),
        column(started, r -> elementNames.apply(r.elementId()), String[]::new),
        column(started, EngineRecord::elementType, String[]::new),
        column(started, EngineRecord::flowScopeKey, Long[]::new),
        startedEndStates,
        at, endedIn(endStates, "COMPLETED"), at, endedIn(endStates, "TERMINATED"));
  }

  /** The jobs the command created, all of the document's instance. */
  private static void addJobs(List<Object> args, InstanceDocument document, Collection<JobRow> jobs,
      Timestamp at) {
    Collections.addAll(args, document.key, document.bpmnProcessId, document.processDefinitionKey,
        document.version, document.tenantId, at, at,
        column(jobs, JobRow::key, Long[]::new),
        column(jobs, JobRow::type, String[]::new),
        column(jobs, JobRow::state, String[]::new),
        column(jobs, j -> j.deadline() == null ? null : Timestamp.from(j.deadline()), Timestamp[]::new),
        column(jobs, JobRow::worker, String[]::new),
        column(jobs, JobRow::retries, Integer[]::new),
        column(jobs, j -> Json.write(j.customHeaders()), String[]::new),
        column(jobs, JobRow::elementInstanceKey, Long[]::new),
        column(jobs, JobRow::elementId, String[]::new));
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

  private static Long[] endedIn(Map<Long, String> endStates, String state) {
    return endStates.entrySet().stream().filter(e -> e.getValue().equals(state)).map(Map.Entry::getKey)
        .toArray(Long[]::new);
  }
}

package io.tandem.engine.store;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;

/** Message subscriptions of waiting elements, and published messages buffered for their TTL. */
public final class MessageStore {

  public record SubscriptionRow(long key, long processInstanceKey, long elementInstanceKey,
      String elementId, String messageName, String correlationKey, boolean interrupting,
      String tenantId) {}

  public record MessageRow(long key, String name, String correlationKey, String messageId,
      Map<String, Object> variables, Instant deadline, String tenantId) {}

  private final JdbcTemplate jdbc;

  public MessageStore(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  public void insertSubscription(SubscriptionRow s, Instant now) {
    jdbc.update("""
        insert into engine_message_subscription (key, process_instance_key, element_instance_key,
          element_id, message_name, correlation_key, interrupting, tenant_id, created_at)
        values (?, ?, ?, ?, ?, ?, ?, ?, ?)""",
        s.key(), s.processInstanceKey(), s.elementInstanceKey(), s.elementId(), s.messageName(),
        s.correlationKey(), s.interrupting(), s.tenantId(), Timestamp.from(now));
  }

  /** An open subscription with the BPMN process id of its instance. */
  public record WaitingSubscription(SubscriptionRow subscription, String bpmnProcessId) {}

  /** Open subscriptions for a message, by process instance, oldest first within one. */
  public List<WaitingSubscription> subscriptions(String name, String correlationKey, String tenantId) {
    return jdbc.query("""
        select s.*, p.bpmn_process_id from engine_message_subscription s
        join engine_process_instance p on p.key = s.process_instance_key
        where s.message_name = ? and s.correlation_key = ? and s.tenant_id = ?
        order by s.process_instance_key, s.key""",
        (rs, i) -> new WaitingSubscription(subscription(rs), rs.getString("bpmn_process_id")),
        name, correlationKey, tenantId);
  }

  public Optional<SubscriptionRow> subscription(long key) {
    return jdbc.query("select * from engine_message_subscription where key = ?",
        (rs, i) -> subscription(rs), key).stream().findFirst();
  }

  public void deleteSubscriptions(long elementInstanceKey) {
    jdbc.update("delete from engine_message_subscription where element_instance_key = ?",
        elementInstanceKey);
  }

  public void deleteSubscription(long key) {
    jdbc.update("delete from engine_message_subscription where key = ?", key);
  }

  public boolean messageIdExists(String name, String messageId, String tenantId, Instant now) {
    Integer count = jdbc.queryForObject("""
        select count(*) from engine_message where name = ? and message_id = ? and tenant_id = ?
        and deadline > ?""", Integer.class, name, messageId, tenantId, Timestamp.from(now));
    return count != null && count > 0;
  }

  public void insertMessage(MessageRow m) {
    jdbc.update("""
        insert into engine_message (key, name, correlation_key, message_id, variables, deadline, tenant_id)
        values (?, ?, ?, ?, ?::jsonb, ?, ?)""",
        m.key(), m.name(), m.correlationKey(), m.messageId(), Json.write(m.variables()),
        Timestamp.from(m.deadline()), m.tenantId());
  }

  /**
   * The oldest live buffered message not yet correlated to this process: Camunda correlates a
   * message at most once per BPMN process id, whichever of its instances got it.
   */
  public Optional<MessageRow> bufferedFor(String name, String correlationKey, String tenantId,
      long processInstanceKey, String bpmnProcessId, Instant now) {
    return jdbc.query("""
        select * from engine_message m where name = ? and correlation_key = ? and tenant_id = ?
          and deadline > ? and not exists (""" + CORRELATED_TO_PROCESS + """
        ) order by key limit 1""",
        (rs, i) -> message(rs), name, correlationKey, tenantId, Timestamp.from(now),
        processInstanceKey, bpmnProcessId).stream().findFirst();
  }

  /** Whether a message was correlated to this process instance or another of its process. */
  public boolean isCorrelated(long messageKey, long processInstanceKey, String bpmnProcessId) {
    return Boolean.TRUE.equals(jdbc.queryForObject(
        "select exists (" + CORRELATED_TO_PROCESS.replace("m.key", "?") + ")", Boolean.class,
        messageKey, processInstanceKey, bpmnProcessId));
  }

  // the instance itself may be new and not yet stored, hence its key besides the process id
  private static final String CORRELATED_TO_PROCESS = """
      select 1 from engine_message_correlation c
      left join engine_process_instance p on p.key = c.process_instance_key
      where c.message_key = m.key and (c.process_instance_key = ? or p.bpmn_process_id = ?)""";

  public void recordCorrelation(long messageKey, long processInstanceKey) {
    jdbc.update("insert into engine_message_correlation values (?, ?) on conflict do nothing",
        messageKey, processInstanceKey);
  }

  /** Removes an expired message with this id, so that the id may be published again. */
  public void deleteExpired(String name, String messageId, String tenantId, Instant now) {
    jdbc.update("""
        delete from engine_message_correlation c using engine_message m where c.message_key = m.key
        and m.name = ? and m.message_id = ? and m.tenant_id = ? and m.deadline <= ?""",
        name, messageId, tenantId, Timestamp.from(now));
    jdbc.update("""
        delete from engine_message where name = ? and message_id = ? and tenant_id = ?
        and deadline <= ?""", name, messageId, tenantId, Timestamp.from(now));
  }

  public int deleteExpired(Instant now) {
    jdbc.update("delete from engine_message_correlation c using engine_message m"
        + " where c.message_key = m.key and m.deadline <= ?", Timestamp.from(now));
    return jdbc.update("delete from engine_message where deadline <= ?", Timestamp.from(now));
  }

  private static SubscriptionRow subscription(java.sql.ResultSet rs) throws java.sql.SQLException {
    return new SubscriptionRow(rs.getLong("key"), rs.getLong("process_instance_key"),
        rs.getLong("element_instance_key"), rs.getString("element_id"),
        rs.getString("message_name"), rs.getString("correlation_key"),
        rs.getBoolean("interrupting"), rs.getString("tenant_id"));
  }

  private static MessageRow message(java.sql.ResultSet rs) throws java.sql.SQLException {
    return new MessageRow(rs.getLong("key"), rs.getString("name"), rs.getString("correlation_key"),
        rs.getString("message_id"), Json.readMap(rs.getString("variables")),
        rs.getTimestamp("deadline").toInstant(), rs.getString("tenant_id"));
  }
}

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

  /** Open subscriptions for a message, oldest first, at most one per process instance. */
  public List<SubscriptionRow> subscriptions(String name, String correlationKey, String tenantId) {
    return jdbc.query("""
        select distinct on (process_instance_key) * from engine_message_subscription
        where message_name = ? and correlation_key = ? and tenant_id = ?
        order by process_instance_key, key""",
        (rs, i) -> subscription(rs), name, correlationKey, tenantId);
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

  /** The oldest live buffered message not yet correlated to this process instance. */
  public Optional<MessageRow> bufferedFor(String name, String correlationKey, String tenantId,
      long processInstanceKey, Instant now) {
    return jdbc.query("""
        select * from engine_message m where name = ? and correlation_key = ? and tenant_id = ?
          and deadline > ? and not exists (select 1 from engine_message_correlation c
            where c.message_key = m.key and c.process_instance_key = ?)
        order by key limit 1""",
        (rs, i) -> message(rs), name, correlationKey, tenantId, Timestamp.from(now),
        processInstanceKey).stream().findFirst();
  }

  public void recordCorrelation(long messageKey, long processInstanceKey) {
    jdbc.update("insert into engine_message_correlation values (?, ?) on conflict do nothing",
        messageKey, processInstanceKey);
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

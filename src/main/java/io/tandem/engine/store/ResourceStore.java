package io.tandem.engine.store;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;

/** Deployed resources (processes, decisions, forms) and their versions. */
public final class ResourceStore {

  public record ResourceRow(long key, long deploymentKey, String kind, String resourceId,
      String name, int version, String versionTag, String resourceName, String checksum,
      byte[] content, Long parentKey, String tenantId) {}

  private final JdbcTemplate jdbc;

  public ResourceStore(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  public void insertDeployment(long key, String tenantId, Instant now) {
    jdbc.update("insert into engine_deployment (key, tenant_id, created_at) values (?, ?, ?)",
        key, tenantId, Timestamp.from(now));
  }

  public void insert(ResourceRow r) {
    jdbc.update("""
        insert into engine_resource (key, deployment_key, kind, resource_id, name, version,
          version_tag, resource_name, checksum, content, parent_key, tenant_id)
        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
        r.key(), r.deploymentKey(), r.kind(), r.resourceId(), r.name(), r.version(),
        r.versionTag(), r.resourceName(), r.checksum(), r.content(), r.parentKey(), r.tenantId());
  }

  /** The key of a resource's latest version, without reading its content. */
  public Optional<Long> latestKey(String kind, String resourceId, String tenantId) {
    return jdbc.queryForList("""
        select key from engine_resource where kind = ? and resource_id = ? and tenant_id = ?
        order by version desc limit 1""", Long.class, kind, resourceId, tenantId).stream().findFirst();
  }

  public Optional<ResourceRow> latest(String kind, String resourceId, String tenantId) {
    return jdbc.query("""
        select * from engine_resource where kind = ? and resource_id = ? and tenant_id = ?
        order by version desc limit 1""", (rs, i) -> map(rs), kind, resourceId, tenantId)
        .stream().findFirst();
  }

  public Optional<ResourceRow> version(String kind, String resourceId, int version, String tenantId) {
    return jdbc.query("""
        select * from engine_resource where kind = ? and resource_id = ? and version = ?
        and tenant_id = ?""", (rs, i) -> map(rs), kind, resourceId, version, tenantId)
        .stream().findFirst();
  }

  /** The latest version of a resource that carries the given version tag. */
  public Optional<ResourceRow> latestTagged(String kind, String resourceId, String versionTag, String tenantId) {
    return jdbc.query("""
        select * from engine_resource where kind = ? and resource_id = ? and version_tag = ?
        and tenant_id = ? order by version desc limit 1""", (rs, i) -> map(rs), kind, resourceId,
        versionTag, tenantId).stream().findFirst();
  }

  /** The version of a resource that a deployment contains (brought, or kept unchanged). */
  public Optional<ResourceRow> inDeployment(String kind, String resourceId, long deploymentKey) {
    return jdbc.query("""
        select r.* from engine_resource r join engine_deployment_resource d on d.resource_key = r.key
        where d.deployment_key = ? and r.kind = ? and r.resource_id = ?""",
        (rs, i) -> map(rs), deploymentKey, kind, resourceId).stream().findFirst();
  }

  public void recordDeployed(long deploymentKey, List<Long> resourceKeys) {
    jdbc.batchUpdate("insert into engine_deployment_resource values (?, ?) on conflict do nothing",
        resourceKeys.stream().map(k -> new Object[] {deploymentKey, k}).toList());
  }

  public void markHasStartForm(long key) {
    jdbc.update("update engine_resource set has_start_form = true where key = ?", key);
  }

  public Optional<ResourceRow> find(long key) {
    return jdbc.query("select * from engine_resource where key = ?", (rs, i) -> map(rs), key)
        .stream().findFirst();
  }

  public List<ResourceRow> byKind(String kind) {
    return jdbc.query("select * from engine_resource where kind = ? order by key", (rs, i) -> map(rs), kind);
  }

  /** Serializes deployments: versions are assigned one deployment at a time. */
  public void lockForDeployment() {
    jdbc.execute("lock table engine_deployment in share row exclusive mode");
  }

  private static ResourceRow map(java.sql.ResultSet rs) throws java.sql.SQLException {
    return new ResourceRow(rs.getLong("key"), rs.getLong("deployment_key"), rs.getString("kind"),
        rs.getString("resource_id"), rs.getString("name"), rs.getInt("version"),
        rs.getString("version_tag"), rs.getString("resource_name"), rs.getString("checksum"),
        rs.getBytes("content"), (Long) rs.getObject("parent_key"), rs.getString("tenant_id"));
  }
}

package org.passerelle.channel;

import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The append-only audit of control changes. It has no update or delete on purpose. */
@Repository
class AuditLog {

    private final JdbcClient jdbc;

    public AuditLog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void append(OffsetDateTime at, String actor, ChannelId channel, AuditAction action,
                String from, String to, String reason, Long incidentId) {
        append(at, actor, channel, action, from, to, reason, incidentId, null);
    }

    void append(OffsetDateTime at, String actor, ChannelId channel, AuditAction action,
                String from, String to, String reason, Long incidentId, String approvedBy) {
        jdbc.sql("""
                insert into channel_audit (occurred_at, actor, channel_id, action, from_value, to_value, reason, incident_id,
                                           approved_by)
                values (:at, :actor, :channel, :action, :from, :to, :reason, :incident, :approvedBy)""")
                .param("approvedBy", approvedBy)
                .param("at", at)
                .param("actor", actor)
                .param("channel", channel.id())
                .param("action", action.name())
                .param("from", from)
                .param("to", to)
                .param("reason", reason)
                .param("incident", incidentId)
                .update();
    }

    public AuditPage find(AuditQuery q) {
        StringBuilder where = new StringBuilder(" where 1 = 1");
        if (q.channel() != null) {
            where.append(" and channel_id = :channel");
        }
        if (q.actor() != null) {
            where.append(" and actor = :actor");
        }
        if (q.action() != null) {
            where.append(" and action = :action");
        }
        if (q.incidentId() != null) {
            where.append(" and incident_id = :incident");
        }
        if (q.from() != null) {
            where.append(" and occurred_at >= :from");
        }
        if (q.to() != null) {
            where.append(" and occurred_at < :to");
        }
        var count = bind(jdbc.sql("select count(*) from channel_audit" + where), q).query(Long.class).single();
        List<AuditEntry> items = bind(jdbc.sql("""
                select id, occurred_at, actor, channel_id, action, from_value, to_value, reason, incident_id, approved_by
                from channel_audit""" + where + " order by id desc limit :limit offset :offset"), q)
                .param("limit", q.size())
                .param("offset", (long) q.page() * q.size())
                .query((rs, n) -> new AuditEntry(
                        rs.getLong("id"),
                        rs.getObject("occurred_at", OffsetDateTime.class),
                        rs.getString("actor"),
                        rs.getString("channel_id"),
                        AuditAction.valueOf(rs.getString("action")),
                        rs.getString("from_value"),
                        rs.getString("to_value"),
                        rs.getString("reason"),
                        rs.getObject("incident_id", Long.class),
                        rs.getString("approved_by")))
                .list();
        return new AuditPage(items, q.page(), q.size(), count);
    }

    /** Whether the channel's last change of state was a suspension out of isolation (it still needs a four-eyes reopening). */
    boolean suspendedOutOfIsolation(ChannelId channel) {
        return jdbc.sql("""
                select action, from_value from channel_audit
                where channel_id = :channel and action in ('SUSPEND', 'RESUME', 'ISOLATE', 'RESTORE')
                order by id desc limit 1""")
                .param("channel", channel.id())
                .query((rs, n) -> "SUSPEND".equals(rs.getString("action")) && "ISOLATED".equals(rs.getString("from_value")))
                .optional().orElse(false);
    }

    private static JdbcClient.StatementSpec bind(JdbcClient.StatementSpec spec, AuditQuery q) {
        if (q.channel() != null) {
            spec = spec.param("channel", q.channel().id());
        }
        if (q.actor() != null) {
            spec = spec.param("actor", q.actor());
        }
        if (q.action() != null) {
            spec = spec.param("action", q.action().name());
        }
        if (q.incidentId() != null) {
            spec = spec.param("incident", q.incidentId());
        }
        if (q.from() != null) {
            spec = spec.param("from", q.from());
        }
        if (q.to() != null) {
            spec = spec.param("to", q.to());
        }
        return spec;
    }
}

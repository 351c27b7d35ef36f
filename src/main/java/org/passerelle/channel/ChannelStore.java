package org.passerelle.channel;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** JDBC access to the control plane tables. Callers own the transaction. */
@Repository
class ChannelStore {

    private final JdbcClient jdbc;

    public ChannelStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Cheap read that replicas poll to notice a change made elsewhere. */
    public long revision() {
        return jdbc.sql("select revision from control_plane where id = 1").query(Long.class).single();
    }

    /**
     * Bumps the revision and locks the control row until the transaction ends, so control changes
     * from several replicas apply one after another on a consistent state.
     */
    public void lockAndBumpRevision() {
        jdbc.sql("update control_plane set revision = revision + 1 where id = 1").update();
    }

    /**
     * The desired state as one committed version. Read in a single statement so that the revision and the
     * channel rows come from the same commit: with two reads, a commit landing in between would label newer
     * rows with an older revision, and the reconciler could later apply a truly older read over them.
     */
    public ControlSnapshot snapshot() {
        List<Object[]> rows = jdbc.sql("""
                select cp.revision, cp.open_incident_id,
                       c.id, c.state, c.breaker_mode, c.breaker_reset_count, c.changed_at, c.changed_by, c.change_reason
                from control_plane cp left join channel c on 1 = 1
                where cp.id = 1""")
                .query((rs, n) -> new Object[] {rs.getLong("revision"), rs.getObject("open_incident_id", Long.class),
                        rs.getString("id") == null ? null : mapChannel(rs, n)})
                .list();
        if (rows.isEmpty()) {
            throw new IllegalStateException("control_plane row 1 is missing: the database is not migrated");
        }
        Map<ChannelId, ChannelRecord> channels = new EnumMap<>(ChannelId.class);
        for (Object[] row : rows) {
            if (row[2] instanceof ChannelRecord r) {
                channels.put(r.id(), r);
            }
        }
        return new ControlSnapshot((Long) rows.get(0)[0], channels, (Long) rows.get(0)[1]);
    }

    private static ChannelRecord mapChannel(ResultSet rs, int n) throws SQLException {
        ChannelId id;
        try {
            id = ChannelId.fromId(rs.getString("id"));
        } catch (UnknownChannelException e) {
            return null; // a row from a newer version: not ours to apply
        }
        return new ChannelRecord(
                id,
                ChannelState.valueOf(rs.getString("state")),
                BreakerMode.valueOf(rs.getString("breaker_mode")),
                rs.getLong("breaker_reset_count"),
                rs.getObject("changed_at", OffsetDateTime.class),
                rs.getString("changed_by"),
                rs.getString("change_reason"));
    }

    public void save(ChannelRecord r) {
        jdbc.sql("""
                update channel set state = :state, breaker_mode = :mode, breaker_reset_count = :resets,
                       changed_at = :at, changed_by = :by, change_reason = :reason
                where id = :id""")
                .param("state", r.state().name())
                .param("mode", r.breakerMode().name())
                .param("resets", r.breakerResetCount())
                .param("at", r.changedAt())
                .param("by", r.changedBy())
                .param("reason", r.changeReason())
                .param("id", r.id().id())
                .update();
    }

    public long openIncident(OffsetDateTime at, String by, String reason) {
        var keys = new org.springframework.jdbc.support.GeneratedKeyHolder();
        jdbc.sql("insert into incident (opened_at, opened_by, reason) values (:at, :by, :reason)")
                .param("at", at).param("by", by).param("reason", reason)
                .update(keys, "id");
        long id = keys.getKey().longValue();
        jdbc.sql("update control_plane set open_incident_id = :id where id = 1").param("id", id).update();
        return id;
    }

    public void closeIncident(long incidentId, OffsetDateTime at, String by) {
        jdbc.sql("update incident set closed_at = :at, closed_by = :by where id = :id")
                .param("at", at).param("by", by).param("id", incidentId).update();
        jdbc.sql("update control_plane set open_incident_id = null where id = 1").update();
    }

    public IncidentRecord incident(long id) {
        return jdbc.sql("select id, opened_at, opened_by, reason, closed_at, closed_by from incident where id = :id")
                .param("id", id)
                .query(ChannelStore::mapIncident)
                .optional()
                .orElse(null);
    }

    public IncidentRecord latestIncident() {
        return jdbc.sql("select id, opened_at, opened_by, reason, closed_at, closed_by from incident order by id desc limit 1")
                .query(ChannelStore::mapIncident)
                .optional()
                .orElse(null);
    }

    /** Incidents, newest first. */
    public List<IncidentRecord> incidents(int limit) {
        return jdbc.sql("select id, opened_at, opened_by, reason, closed_at, closed_by from incident order by id desc limit :limit")
                .param("limit", limit)
                .query(ChannelStore::mapIncident)
                .list();
    }

    public void recordWork(long incidentId, IncidentWork w) {
        jdbc.sql("""
                insert into incident_work (incident_id, channel_id, step, taken_at, reminders_waiting, reminders_expiring,
                                           payments_pending, payments_in_doubt)
                values (:incident, :channel, :step, :at, :waiting, :expiring, :pending, :doubt)""")
                .param("incident", incidentId).param("channel", w.channel()).param("step", w.step().name())
                .param("at", w.takenAt()).param("waiting", w.remindersWaiting()).param("expiring", w.remindersExpiring())
                .param("pending", w.paymentsPending()).param("doubt", w.paymentsInDoubt())
                .update();
    }

    public List<IncidentWork> work(long incidentId) {
        return jdbc.sql("""
                select channel_id, step, taken_at, reminders_waiting, reminders_expiring, payments_pending, payments_in_doubt
                from incident_work where incident_id = :incident order by id""")
                .param("incident", incidentId)
                .query((rs, n) -> new IncidentWork(rs.getString("channel_id"), IncidentStep.Kind.valueOf(rs.getString("step")),
                        rs.getObject("taken_at", OffsetDateTime.class), rs.getLong("reminders_waiting"),
                        rs.getLong("reminders_expiring"), rs.getLong("payments_pending"), rs.getLong("payments_in_doubt")))
                .list();
    }

    private static IncidentRecord mapIncident(ResultSet rs, int n) throws SQLException {
        return new IncidentRecord(
                        rs.getLong("id"),
                        rs.getObject("opened_at", OffsetDateTime.class),
                        rs.getString("opened_by"),
                        rs.getString("reason"),
                        rs.getObject("closed_at", OffsetDateTime.class),
                        rs.getString("closed_by"));
    }
}

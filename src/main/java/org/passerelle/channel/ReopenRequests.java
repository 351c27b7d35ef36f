package org.passerelle.channel;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Reopenings asked for under four-eyes: created pending, then approved (once) or withdrawn. */
@Repository
class ReopenRequests {

    private static final String COLUMNS = "id, incident_id, kind, channels, requested_by, requested_at, reason, status, "
            + "decided_by, decided_at, decision_reason";

    private final JdbcClient jdbc;

    ReopenRequests(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long create(Long incidentId, ReopenRequest.Kind kind, List<ChannelId> channels, String by, OffsetDateTime at, String reason) {
        var keys = new org.springframework.jdbc.support.GeneratedKeyHolder();
        jdbc.sql("""
                insert into reopen_request (incident_id, kind, channels, requested_by, requested_at, reason, status)
                values (:incident, :kind, :channels, :by, :at, :reason, 'PENDING')""")
                .param("incident", incidentId).param("kind", kind.name())
                .param("channels", String.join(",", channels.stream().map(ChannelId::id).toList()))
                .param("by", by).param("at", at).param("reason", reason)
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    Optional<ReopenRequest> find(long id) {
        return jdbc.sql("select " + COLUMNS + " from reopen_request where id = :id").param("id", id)
                .query(ReopenRequests::map).optional();
    }

    List<ReopenRequest> pending() {
        return jdbc.sql("select " + COLUMNS + " from reopen_request where status = 'PENDING' order by id")
                .query(ReopenRequests::map).list();
    }

    List<ReopenRequest> ofIncident(long incidentId) {
        return jdbc.sql("select " + COLUMNS + " from reopen_request where incident_id = :incident order by id")
                .param("incident", incidentId).query(ReopenRequests::map).list();
    }

    /** Moves a pending request to {@code status}; false when it was no longer pending (someone else was first). */
    boolean decide(long id, ReopenRequest.Status status, String by, OffsetDateTime at, String reason) {
        return jdbc.sql("""
                update reopen_request set status = :status, decided_by = :by, decided_at = :at, decision_reason = :reason
                where id = :id and status = 'PENDING'""")
                .param("status", status.name()).param("by", by).param("at", at).param("reason", reason).param("id", id)
                .update() == 1;
    }

    /** Puts an approval back to pending when the reopening it allowed could not be done. */
    void undoApproval(long id) {
        jdbc.sql("update reopen_request set status = 'PENDING', decided_by = null, decided_at = null, decision_reason = null "
                + "where id = :id").param("id", id).update();
    }

    private static ReopenRequest map(ResultSet rs, int n) throws SQLException {
        return new ReopenRequest(rs.getLong("id"), rs.getObject("incident_id", Long.class),
                ReopenRequest.Kind.valueOf(rs.getString("kind")),
                Arrays.asList(rs.getString("channels").split(",")), rs.getString("requested_by"),
                rs.getObject("requested_at", OffsetDateTime.class), rs.getString("reason"),
                ReopenRequest.Status.valueOf(rs.getString("status")), rs.getString("decided_by"),
                rs.getObject("decided_at", OffsetDateTime.class), rs.getString("decision_reason"));
    }
}

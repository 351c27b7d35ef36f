package org.passerelle.scheduling;

import static org.passerelle.scheduling.AppointmentStore.instant;
import static org.passerelle.scheduling.AppointmentStore.ts;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** JDBC access to reminders and their SMPP parts. Every state change is a conditional update. */
@Repository
class ReminderStore {

    private final JdbcClient jdbc;
    private final NamedParameterJdbcTemplate batch;

    public ReminderStore(JdbcClient jdbc, NamedParameterJdbcTemplate batch) {
        this.jdbc = jdbc;
        this.batch = batch;
    }

    List<StoredReminder> forAppointment(String appointmentId) {
        return jdbc.sql("select * from reminder where appointment_id = :id order by seq")
                .param("id", appointmentId).query(ReminderStore::map).list();
    }

    private static final String INSERT = """
            insert into reminder (appointment_id, seq, status, due_at, expires_at, next_attempt_at, attempts,
                ambiguous_sends, updated_at)
            values (:a, :seq, 'PENDING', :due, :expires, :due, 0, 0, :now)""";

    void insert(String appointmentId, int seq, Instant due, Instant expires, Instant now) {
        jdbc.sql(INSERT).param("a", appointmentId).param("seq", seq).param("due", ts(due)).param("expires", ts(expires))
                .param("now", ts(now)).update();
    }

    /** New PENDING reminders in one JDBC batch (one round trip). */
    void insertAll(List<ReminderPlanner.Planned> planned, Instant now) {
        if (planned.isEmpty()) {
            return;
        }
        batch.batchUpdate(INSERT, planned.stream().map(p -> new MapSqlParameterSource().addValue("a", p.appointmentId())
                .addValue("seq", p.seq()).addValue("due", ts(p.due())).addValue("expires", ts(p.expires()))
                .addValue("now", ts(now))).toArray(SqlParameterSource[]::new));
    }

    void reschedule(long id, Instant due, Instant expires, Instant now) {
        jdbc.sql("""
                update reminder set due_at = :due, expires_at = :expires, next_attempt_at = :due, updated_at = :now
                where id = :id and status = 'PENDING'""")
                .param("id", id).param("due", ts(due)).param("expires", ts(expires)).param("now", ts(now)).update();
    }

    int cancelPending(String appointmentId, String why, Instant now) {
        return jdbc.sql("""
                update reminder set status = 'CANCELLED', error = :why, final_at = :now, updated_at = :now
                where appointment_id = :a and status = 'PENDING'""")
                .param("a", appointmentId).param("why", why).param("now", ts(now)).update();
    }

    /**
     * Ids of reminders ready to go, oldest first, locked until the transaction ends; rows another replica's
     * claim transaction holds are skipped (PostgreSQL and H2 both know {@code skip locked}).
     */
    List<Long> dueIds(Instant now, int limit) {
        return jdbc.sql("""
                select id from reminder
                where status = 'PENDING' and next_attempt_at <= :now and expires_at > :now
                order by next_attempt_at, id limit :limit for update skip locked""")
                .param("now", ts(now)).param("limit", limit).query(Long.class).list();
    }

    /** Claims these reminders for this replica in one JDBC batch; returns those it got (still PENDING). */
    List<Long> claimAll(List<Long> ids, String node, Instant until, Instant now) {
        SqlParameterSource[] rows = ids.stream().map(id -> new MapSqlParameterSource().addValue("id", id)
                .addValue("node", node).addValue("until", ts(until)).addValue("now", ts(now))).toArray(SqlParameterSource[]::new);
        int[] counts = batch.batchUpdate("""
                update reminder set status = 'SENDING', claimed_by = :node, claimed_until = :until,
                    attempts = attempts + 1, updated_at = :now
                where id = :id and status = 'PENDING'""", rows);
        return won(ids, counts);
    }

    /** The reminders among these ids, in no particular order. */
    List<StoredReminder> findAll(List<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("select * from reminder where id in (:ids)").param("ids", ids).query(ReminderStore::map).list();
    }

    /** Marks these claimed reminders SUBMITTED and records their parts, in two JDBC batches; returns those marked. */
    List<Long> markAllSubmitted(List<SendOutcome.Submitted> done, String node, Instant now) {
        SqlParameterSource[] rows = done.stream().map(d -> new MapSqlParameterSource().addValue("id", d.reminderId())
                .addValue("node", node).addValue("enc", d.encoding()).addValue("seg", d.messageIds().size())
                .addValue("now", ts(now))).toArray(SqlParameterSource[]::new);
        int[] counts = batch.batchUpdate("""
                update reminder set status = 'SUBMITTED', encoding = :enc, segments = :seg, submitted_at = :now,
                    claimed_by = null, claimed_until = null, error = null, updated_at = :now
                where id = :id and status = 'SENDING' and claimed_by = :node""", rows);
        List<Long> marked = won(done.stream().map(SendOutcome::reminderId).toList(), counts);
        List<SqlParameterSource> parts = new ArrayList<>();
        for (SendOutcome.Submitted d : done) {
            if (marked.contains(d.reminderId())) {
                for (int i = 0; i < d.messageIds().size(); i++) {
                    parts.add(new MapSqlParameterSource().addValue("r", d.reminderId()).addValue("p", i + 1)
                            .addValue("m", d.messageIds().get(i)).addValue("now", ts(now)));
                }
            }
        }
        if (!parts.isEmpty()) {
            batch.batchUpdate("""
                    insert into sms_part (reminder_id, part, smsc_message_id, status, updated_at)
                    values (:r, :p, :m, 'SUBMITTED', :now)""", parts.toArray(SqlParameterSource[]::new));
        }
        return marked;
    }

    private static List<Long> won(List<Long> ids, int[] counts) {
        List<Long> won = new ArrayList<>();
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] == 1) { // PostgreSQL and H2 report each row's count; anything else is not a win
                won.add(ids.get(i));
            }
        }
        return won;
    }

    Optional<StoredReminder> find(long id) {
        return jdbc.sql("select * from reminder where id = :id").param("id", id).query(ReminderStore::map).optional();
    }

    boolean markFinal(long id, String node, ReminderStatus status, String error, Instant now) {
        return jdbc.sql("""
                update reminder set status = :status, error = :error, final_at = :now, claimed_by = null,
                    claimed_until = null, updated_at = :now
                where id = :id and status = 'SENDING' and claimed_by = :node""")
                .param("id", id).param("node", node).param("status", status.name()).param("error", error)
                .param("now", ts(now)).update() == 1;
    }

    /**
     * Back to PENDING, in one JDBC batch: a held reminder is due again now with its attempt undone (nothing left
     * our side), a retried one at its {@code next} with the attempt counted.
     */
    void releaseAll(List<SendOutcome> outcomes, String node, Instant now) {
        SqlParameterSource[] rows = outcomes.stream().map(o -> {
            MapSqlParameterSource row = new MapSqlParameterSource().addValue("id", o.reminderId()).addValue("node", node)
                    .addValue("now", ts(now));
            if (o instanceof SendOutcome.Held h) {
                return row.addValue("next", ts(now)).addValue("error", h.why()).addValue("undo", 1).addValue("ambiguous", 0);
            }
            if (o instanceof SendOutcome.RetryLater r) {
                return row.addValue("next", ts(r.next())).addValue("error", r.error()).addValue("undo", 0)
                        .addValue("ambiguous", r.ambiguous() ? 1 : 0);
            }
            throw new IllegalArgumentException("not a release: " + o.getClass().getSimpleName());
        }).toArray(SqlParameterSource[]::new);
        batch.batchUpdate("""
                update reminder set status = 'PENDING', next_attempt_at = :next, error = :error,
                    attempts = attempts - :undo, ambiguous_sends = ambiguous_sends + :ambiguous,
                    claimed_by = null, claimed_until = null, updated_at = :now
                where id = :id and status = 'SENDING' and claimed_by = :node""", rows);
    }

    /** These claimed reminders of this replica FAILED for good, in one JDBC batch. */
    void markAllFailed(List<SendOutcome.Failed> failed, String node, Instant now) {
        SqlParameterSource[] rows = failed.stream().map(f -> new MapSqlParameterSource().addValue("id", f.reminderId())
                .addValue("node", node).addValue("error", f.error()).addValue("now", ts(now))).toArray(SqlParameterSource[]::new);
        batch.batchUpdate("""
                update reminder set status = 'FAILED', error = :error, final_at = :now, claimed_by = null,
                    claimed_until = null, updated_at = :now
                where id = :id and status = 'SENDING' and claimed_by = :node""", rows);
    }

    /** Pending reminders whose last allowed moment has passed become EXPIRED, never sent late. */
    int expireOverdue(Instant now) {
        return jdbc.sql("""
                update reminder set status = 'EXPIRED', error = 'last allowed moment passed before it could be sent',
                    final_at = :now, updated_at = :now
                where status = 'PENDING' and expires_at <= :now""")
                .param("now", ts(now)).update();
    }

    /**
     * Claims whose replica died mid-submit go back to PENDING. The SMSC may have accepted the submit
     * before the crash, which SMPP cannot tell us: counted in ambiguous_sends.
     */
    int recoverStaleClaims(Instant now) {
        return jdbc.sql("""
                update reminder set status = 'PENDING', ambiguous_sends = ambiguous_sends + 1, claimed_by = null,
                    claimed_until = null, next_attempt_at = :now, updated_at = :now
                where status = 'SENDING' and claimed_until < :now""")
                .param("now", ts(now)).update();
    }

    /** Applies a delivery receipt to the part with this message id; returns the reminder id if found. */
    Optional<Long> applyReceipt(String messageId, ReminderStatus partStatus, Instant now) {
        Optional<Long> reminderId = jdbc.sql("select reminder_id from sms_part where smsc_message_id = :m")
                .param("m", messageId).query(Long.class).optional();
        reminderId.ifPresent(id -> jdbc.sql("""
                update sms_part set status = :s, updated_at = :now where smsc_message_id = :m""")
                .param("s", partStatus.name()).param("now", ts(now)).param("m", messageId).update());
        return reminderId;
    }

    List<String> partStatuses(long reminderId) {
        return jdbc.sql("select status from sms_part where reminder_id = :r").param("r", reminderId)
                .query(String.class).list();
    }

    void setReceiptOutcome(long reminderId, ReminderStatus status, Instant now) {
        jdbc.sql("""
                update reminder set status = :s, final_at = :now, updated_at = :now
                where id = :id and status in ('SUBMITTED', 'DELIVERED')""")
                .param("s", status.name()).param("now", ts(now)).param("id", reminderId).update();
    }

    long countByStatus(ReminderStatus status) {
        return jdbc.sql("select count(*) from reminder where status = :s").param("s", status.name())
                .query(Long.class).single();
    }

    private static StoredReminder map(ResultSet rs, int n) throws SQLException {
        return new StoredReminder(
                rs.getLong("id"),
                rs.getString("appointment_id"),
                rs.getInt("seq"),
                ReminderStatus.valueOf(rs.getString("status")),
                instant(rs, "due_at"),
                instant(rs, "expires_at"),
                instant(rs, "next_attempt_at"),
                rs.getInt("attempts"),
                rs.getInt("ambiguous_sends"),
                rs.getString("encoding"),
                (Integer) rs.getObject("segments"),
                instant(rs, "submitted_at"),
                instant(rs, "final_at"),
                rs.getString("error"));
    }
}

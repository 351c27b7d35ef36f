package org.passerelle.scheduling;

import static org.passerelle.scheduling.AppointmentStore.instant;
import static org.passerelle.scheduling.AppointmentStore.ts;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** JDBC access to reminders and their SMPP parts. Every state change is a conditional update. */
@Repository
class ReminderStore {

    private final JdbcClient jdbc;
    private final boolean postgres;

    public ReminderStore(JdbcClient jdbc, javax.sql.DataSource dataSource) throws SQLException {
        this.jdbc = jdbc;
        try (var c = dataSource.getConnection()) {
            this.postgres = c.getMetaData().getDatabaseProductName().toLowerCase().contains("postgres");
        }
    }

    List<StoredReminder> forAppointment(String appointmentId) {
        return jdbc.sql("select * from reminder where appointment_id = :id order by seq")
                .param("id", appointmentId).query(ReminderStore::map).list();
    }

    void insert(String appointmentId, int seq, Instant due, Instant expires, Instant now) {
        jdbc.sql("""
                insert into reminder (appointment_id, seq, status, due_at, expires_at, next_attempt_at, attempts,
                    ambiguous_sends, updated_at)
                values (:a, :seq, 'PENDING', :due, :expires, :due, 0, 0, :now)""")
                .param("a", appointmentId).param("seq", seq).param("due", ts(due)).param("expires", ts(expires))
                .param("now", ts(now)).update();
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

    /** Ids of reminders ready to go, oldest first; rows locked by another replica's claim are skipped. */
    List<Long> dueIds(Instant now, int limit) {
        String lock = postgres ? " for update skip locked" : "";
        return jdbc.sql("""
                select id from reminder
                where status = 'PENDING' and next_attempt_at <= :now and expires_at > :now
                order by next_attempt_at, id limit :limit""" + lock)
                .param("now", ts(now)).param("limit", limit).query(Long.class).list();
    }

    /** Claims one reminder for this replica; false when another replica got it first. */
    boolean claim(long id, String node, Instant until, Instant now) {
        return jdbc.sql("""
                update reminder set status = 'SENDING', claimed_by = :node, claimed_until = :until,
                    attempts = attempts + 1, updated_at = :now
                where id = :id and status = 'PENDING'""")
                .param("id", id).param("node", node).param("until", ts(until)).param("now", ts(now)).update() == 1;
    }

    Optional<StoredReminder> find(long id) {
        return jdbc.sql("select * from reminder where id = :id").param("id", id).query(ReminderStore::map).optional();
    }

    boolean markSubmitted(long id, String node, String encoding, int segments, Instant now) {
        return jdbc.sql("""
                update reminder set status = 'SUBMITTED', encoding = :enc, segments = :seg, submitted_at = :now,
                    claimed_by = null, claimed_until = null, error = null, updated_at = :now
                where id = :id and status = 'SENDING' and claimed_by = :node""")
                .param("id", id).param("node", node).param("enc", encoding).param("seg", segments)
                .param("now", ts(now)).update() == 1;
    }

    void insertPart(long reminderId, int part, String messageId, Instant now) {
        jdbc.sql("""
                insert into sms_part (reminder_id, part, smsc_message_id, status, updated_at)
                values (:r, :p, :m, 'SUBMITTED', :now)""")
                .param("r", reminderId).param("p", part).param("m", messageId).param("now", ts(now)).update();
    }

    /** Back to PENDING, to be tried at {@code next}; {@code countAttempt} false when nothing left (gate, breaker). */
    boolean release(long id, String node, Instant next, String error, boolean countAttempt, boolean ambiguous, Instant now) {
        return jdbc.sql("""
                update reminder set status = 'PENDING', next_attempt_at = :next, error = :error,
                    attempts = attempts - :undo, ambiguous_sends = ambiguous_sends + :ambiguous,
                    claimed_by = null, claimed_until = null, updated_at = :now
                where id = :id and status = 'SENDING' and claimed_by = :node""")
                .param("id", id).param("node", node).param("next", ts(next)).param("error", error)
                .param("undo", countAttempt ? 0 : 1).param("ambiguous", ambiguous ? 1 : 0).param("now", ts(now)).update() == 1;
    }

    boolean markFinal(long id, String node, ReminderStatus status, String error, Instant now) {
        return jdbc.sql("""
                update reminder set status = :status, error = :error, final_at = :now, claimed_by = null,
                    claimed_until = null, updated_at = :now
                where id = :id and status = 'SENDING' and claimed_by = :node""")
                .param("id", id).param("node", node).param("status", status.name()).param("error", error)
                .param("now", ts(now)).update() == 1;
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

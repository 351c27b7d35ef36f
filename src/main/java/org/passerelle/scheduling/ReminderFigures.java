package org.passerelle.scheduling;

import java.time.OffsetDateTime;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Read-only counts of reminders for the ops console and the incident report: how many wait, how many can no longer
 * leave, delivery over a period, the backlog sent after a reopening. Counts only, never a reminder's content.
 */
@Component
public class ReminderFigures {

    private final JdbcClient jdbc;

    ReminderFigures(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Waiting to leave: pending or being submitted. */
    public long waiting() {
        return count("select count(*) from reminder where status in ('PENDING', 'SENDING')", null, null);
    }

    /** Waiting ones whose last allowed moment is before {@code at}: they will expire instead of leaving. */
    public long expiringBefore(OffsetDateTime at) {
        return count("select count(*) from reminder where status in ('PENDING', 'SENDING') and expires_at <= :a", at, null);
    }

    /** Reminders that expired unsent in [from, to). */
    public long expiredBetween(OffsetDateTime from, OffsetDateTime to) {
        return count("select count(*) from reminder where status = 'EXPIRED' and final_at >= :a and final_at < :b", from, to);
    }

    public long deliveredBetween(OffsetDateTime from, OffsetDateTime to) {
        return count("select count(*) from reminder where status = 'DELIVERED' and final_at >= :a and final_at < :b", from, to);
    }

    /** Reminders the SMSC or the network did not deliver in [from, to) (not the ones cancelled or expired unsent). */
    public long undeliveredBetween(OffsetDateTime from, OffsetDateTime to) {
        return count("select count(*) from reminder where status in ('EXPIRED_AT_SMSC', 'UNDELIVERABLE', 'REJECTED', 'FAILED') "
                + "and final_at >= :a and final_at < :b", from, to);
    }

    /** The backlog that left after a reopening at {@code at}: reminders due before it and submitted after it. */
    public Drain drainedAfter(OffsetDateTime at) {
        return jdbc.sql("select count(*) as n, max(submitted_at) as last_at from reminder where due_at <= :a and submitted_at >= :a")
                .param("a", at)
                .query((rs, n) -> new Drain(rs.getLong("n"), rs.getObject("last_at", OffsetDateTime.class)))
                .single();
    }

    /** How many backlog reminders left after a reopening, and when the last of them did (null: none). */
    public record Drain(long sent, OffsetDateTime lastSentAt) {
    }

    private long count(String sql, OffsetDateTime a, OffsetDateTime b) {
        var spec = jdbc.sql(sql);
        if (a != null) {
            spec = spec.param("a", a);
        }
        if (b != null) {
            spec = spec.param("b", b);
        }
        return spec.query(Long.class).single();
    }
}

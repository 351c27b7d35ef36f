package org.passerelle.payment;

import java.time.OffsetDateTime;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Read-only counts of card payments for the ops console and the incident report (counts only: no amount, reference
 * or card data): how many are at the terminal, how many are in doubt, approvals over a period.
 */
@Component
public class PaymentFigures {

    private final JdbcClient jdbc;

    PaymentFigures(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Received or at the terminal: they finish even if the channel is suspended. */
    public long pending() {
        return count("select count(*) from payment where state in ('RECEIVED', 'IN_PROGRESS')", null, null);
    }

    /** Outcome unknown: recovery (or a person) will tell; never to be charged again. */
    public long inDoubt() {
        return count("select count(*) from payment where state = 'UNKNOWN'", null, null);
    }

    /** Still in doubt now, among the payments started before {@code before}. */
    public long inDoubtStartedBefore(OffsetDateTime before) {
        return count("select count(*) from payment where state = 'UNKNOWN' and created_at < :a", before, null);
    }

    /** Payments started in [from, to) that were charged (approved, including those refunded since). */
    public long approvedBetween(OffsetDateTime from, OffsetDateTime to) {
        return count("select count(*) from payment where state in ('APPROVED', 'PARTIALLY_REFUNDED', 'REFUNDED', 'REVERSED') "
                + "and created_at >= :a and created_at < :b", from, to);
    }

    /** Payments started in [from, to) that were declined or failed (cancelled ones not counted). */
    public long notApprovedBetween(OffsetDateTime from, OffsetDateTime to) {
        return count("select count(*) from payment where state in ('DECLINED', 'FAILED') and created_at >= :a and created_at < :b",
                from, to);
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

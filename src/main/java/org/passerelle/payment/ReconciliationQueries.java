package org.passerelle.payment;

import static org.passerelle.payment.Journal.instant;
import static org.passerelle.payment.Journal.ts;

import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Read-only aggregates for the reconciliation report. */
@Repository
class ReconciliationQueries {

    record StateRow(String terminalId, String currency, PaymentState state, long count, long amountMinor) {
    }

    record RefundRow(Refund refund, String terminalId, String currency) {
    }

    private final JdbcClient jdbc;

    public ReconciliationQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<StateRow> paymentsByState(Instant from, Instant to) {
        return jdbc.sql("""
                select terminal_id, currency, state, count(*) as n, sum(amount_minor) as total from payment
                where created_at >= :from and created_at < :to
                group by terminal_id, currency, state order by terminal_id, currency, state""")
                .param("from", ts(from)).param("to", ts(to))
                .query((rs, n) -> new StateRow(rs.getString("terminal_id"), rs.getString("currency"),
                        PaymentState.valueOf(rs.getString("state")), rs.getLong("n"), rs.getLong("total")))
                .list();
    }

    List<RefundRow> refunds(Instant from, Instant to) {
        return jdbc.sql("""
                select r.*, p.terminal_id as p_terminal, p.currency as p_currency from refund r join payment p on p.id = r.payment_id
                where r.created_at >= :from and r.created_at < :to order by r.created_at, r.id""")
                .param("from", ts(from)).param("to", ts(to))
                .query((rs, n) -> new RefundRow(RefundJournal.map(rs, n), rs.getString("p_terminal"), rs.getString("p_currency")))
                .list();
    }

    List<ReconciliationReport.NeedsHuman> needingHuman() {
        List<ReconciliationReport.NeedsHuman> payments = jdbc.sql(
                        "select * from payment where needs_human = true order by created_at, id")
                .query((rs, n) -> new ReconciliationReport.NeedsHuman("PAYMENT", rs.getString("id"), rs.getString("id"),
                        rs.getString("terminal_id"), rs.getLong("amount_minor"), rs.getString("currency"),
                        rs.getString("state"), rs.getString("human_reason"), instant(rs, "created_at")))
                .list();
        List<ReconciliationReport.NeedsHuman> refunds = jdbc.sql("""
                        select r.*, p.terminal_id as p_terminal, p.currency as p_currency from refund r
                        join payment p on p.id = r.payment_id where r.needs_human = true order by r.created_at, r.id""")
                .query((rs, n) -> new ReconciliationReport.NeedsHuman("REFUND", rs.getString("id"), rs.getString("payment_id"),
                        rs.getString("p_terminal"), rs.getLong("amount_minor"), rs.getString("p_currency"),
                        rs.getString("state"), "refund outcome needs checking on the terminal backend", instant(rs, "created_at")))
                .list();
        return java.util.stream.Stream.concat(payments.stream(), refunds.stream()).toList();
    }
}

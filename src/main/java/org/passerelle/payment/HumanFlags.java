package org.passerelle.payment;

import static org.passerelle.payment.Journal.ts;

import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Flags payments and refunds still unresolved after {@code human-after}: the reconciliation report lists them. */
@Component
class HumanFlags {

    private static final Logger log = LoggerFactory.getLogger(HumanFlags.class);

    private final JdbcClient jdbc;
    private final PaymentJournal journal;
    private final RefundJournal refunds;

    HumanFlags(JdbcClient jdbc, PaymentJournal journal, RefundJournal refunds) {
        this.jdbc = jdbc;
        this.journal = journal;
        this.refunds = refunds;
    }

    void flagOverdue(Instant now) {
        List<Payment> payments = jdbc.sql("""
                select p.* from recovery_task t join payment p on p.id = t.target_id
                where t.kind = 'PAYMENT' and t.human_after <= :now and p.needs_human = false""")
                .param("now", ts(now)).query(PaymentJournal::map).list();
        for (Payment p : payments) {
            journal.flagForHuman(p.id(), p.state(), "outcome still unknown after the recovery time limit", now);
            log.warn("Payment {} on terminal {} still {}: flagged for a human", p.id(), p.terminalId(), p.state());
        }
        List<Refund> overdueRefunds = jdbc.sql("""
                select r.* from recovery_task t join refund r on r.id = t.target_id
                where t.kind = 'REFUND' and t.human_after <= :now and r.needs_human = false""")
                .param("now", ts(now)).query(RefundJournal::map).list();
        for (Refund r : overdueRefunds) {
            refunds.flagForHuman(r.id(), now);
            log.warn("Refund {} of payment {} still {}: flagged for a human", r.id(), r.paymentId(), r.state());
        }
    }
}

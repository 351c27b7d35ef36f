package org.passerelle.payment;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.passerelle.payment.nexo.TerminalAnswer;
import org.passerelle.payment.nexo.Verdict;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Turns what the backend said about a ReversalRequest into journal changes. The payment row is locked
 * first, so the refund state and the payment state (APPROVED → PARTIALLY_REFUNDED → REFUNDED) move
 * together and concurrent refunds of one payment are serialised.
 */
@Component
class RefundSettlement {

    private static final Logger log = LoggerFactory.getLogger(RefundSettlement.class);

    private final PaymentJournal journal;
    private final RefundJournal refunds;
    private final RecoveryTasks tasks;
    private final PaymentProperties properties;
    private final TransactionTemplate tx;
    private final PaymentSignals signals;
    private final Clock clock;

    RefundSettlement(PaymentJournal journal, RefundJournal refunds, RecoveryTasks tasks, PaymentProperties properties,
                     TransactionTemplate tx, PaymentSignals signals, Clock clock) {
        this.journal = journal;
        this.refunds = refunds;
        this.tasks = tasks;
        this.properties = properties;
        this.tx = tx;
        this.signals = signals;
        this.clock = clock;
    }

    void answered(Refund r, TerminalAnswer answer) {
        RefundState target = switch (answer.verdict()) {
            case APPROVED -> RefundState.SUCCEEDED;
            case DECLINED, CANCELLED, FAILED -> RefundState.FAILED;
            case IN_DOUBT, UNCLEAR -> RefundState.UNKNOWN;
        };
        Instant now = clock.instant();
        tx.executeWithoutResult(s -> {
            Payment p = journal.findForUpdate(r.paymentId()).orElseThrow();
            RefundState current = refunds.find(r.id()).map(Refund::state).orElseThrow();
            if (current != RefundState.IN_PROGRESS && current != RefundState.UNKNOWN) {
                return;
            }
            if (current != target) {
                refunds.record(r.id(), current, target, answer, now);
            }
            switch (answer.verdict()) {
                case APPROVED -> {
                    tasks.delete(r.id());
                    applyToPayment(p, r, now);
                }
                case DECLINED, CANCELLED, FAILED -> {
                    tasks.delete(r.id());
                    journal.note(p.id(), p.state(), now, "refund " + r.id() + " not done: " + answer.reason());
                }
                case IN_DOUBT -> tasks.due(r.id(), now.plus(properties.recovery().initialBackoff()));
                case UNCLEAR -> {
                    tasks.delete(r.id());
                    refunds.flagForHuman(r.id(), now);
                    journal.note(p.id(), p.state(), now, "refund " + r.id() + " flagged for a human: " + answer.reason());
                }
            }
        });
        log.info("Refund {} of payment {}: {}", r.id(), r.paymentId(), target);
        signals.signal(r.paymentId());
    }

    void inDoubt(Refund r, String why) {
        Instant now = clock.instant();
        tx.executeWithoutResult(s -> {
            Payment p = journal.findForUpdate(r.paymentId()).orElseThrow();
            if (refunds.record(r.id(), RefundState.IN_PROGRESS, RefundState.UNKNOWN, null, now)) {
                tasks.due(r.id(), now.plus(properties.recovery().initialBackoff()));
                journal.note(p.id(), p.state(), now, "refund " + r.id() + " outcome unknown: " + why);
            }
        });
        log.warn("Refund {} of payment {}: outcome unknown ({}); asking TransactionStatus", r.id(), r.paymentId(), why);
        signals.signal(r.paymentId());
    }

    /** Never reached the backend, or the backend has no record of it after the deadline: nothing given back. */
    void notSent(Refund r, String why) {
        fail(r, RefundState.IN_PROGRESS, "refund " + r.id() + " not sent: " + why);
    }

    void notFound(Refund r) {
        fail(r, RefundState.UNKNOWN, "refund " + r.id() + " unknown to the backend after the deadline: nothing given back");
    }

    private void fail(Refund r, RefundState from, String detail) {
        Instant now = clock.instant();
        tx.executeWithoutResult(s -> {
            Payment p = journal.findForUpdate(r.paymentId()).orElseThrow();
            if (refunds.record(r.id(), from, RefundState.FAILED, null, now)) {
                tasks.delete(r.id());
                journal.note(p.id(), p.state(), now, detail);
            }
        });
        signals.signal(r.paymentId());
    }

    private void applyToPayment(Payment p, Refund r, Instant now) {
        List<Refund> succeeded = refunds.ofPayment(p.id()).stream().filter(x -> x.state() == RefundState.SUCCEEDED).toList();
        long refunded = succeeded.stream().mapToLong(Refund::amountMinor).sum();
        PaymentState next = PaymentStateMachine.afterRefunds(p.amountMinor(), refunded, succeeded.size());
        String detail = "refund " + r.id() + " of " + r.amountMinor() + " succeeded (" + refunded + " of "
                + p.amountMinor() + " given back)";
        if (!PaymentStateMachine.allows(p.state(), next) || !journal.transition(p.id(), p.state(), next, now, detail)) {
            journal.note(p.id(), p.state(), now, detail);
        }
    }
}

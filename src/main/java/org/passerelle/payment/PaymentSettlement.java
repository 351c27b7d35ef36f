package org.passerelle.payment;

import static org.passerelle.payment.PaymentState.IN_PROGRESS;
import static org.passerelle.payment.PaymentState.UNKNOWN;

import java.time.Clock;
import java.time.Instant;
import org.passerelle.payment.nexo.TerminalAnswer;
import org.passerelle.payment.nexo.Verdict;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Turns what the terminal said (or did not say) about a payment into journal changes, in one
 * transaction each: the state, the recovery task and the terminal lock move together. Used by the
 * worker that sent the payment and by recovery alike; whoever comes second changes nothing.
 * Logs carry payment ids, terminal ids and states only.
 */
@Component
class PaymentSettlement {

    private static final Logger log = LoggerFactory.getLogger(PaymentSettlement.class);

    private final PaymentJournal journal;
    private final TerminalLocks locks;
    private final RecoveryTasks tasks;
    private final PaymentProperties properties;
    private final TransactionTemplate tx;
    private final PaymentSignals signals;
    private final Clock clock;

    PaymentSettlement(PaymentJournal journal, TerminalLocks locks, RecoveryTasks tasks, PaymentProperties properties,
                      TransactionTemplate tx, PaymentSignals signals, Clock clock) {
        this.journal = journal;
        this.locks = locks;
        this.tasks = tasks;
        this.properties = properties;
        this.tx = tx;
        this.signals = signals;
        this.clock = clock;
    }

    /** The terminal answered (directly, or repeated by TransactionStatus). */
    void answered(Payment p, TerminalAnswer answer) {
        PaymentState target = switch (answer.verdict()) {
            case APPROVED -> PaymentState.APPROVED;
            case DECLINED -> PaymentState.DECLINED;
            case CANCELLED -> PaymentState.CANCELLED;
            case FAILED -> PaymentState.FAILED;
            case IN_DOUBT, UNCLEAR -> UNKNOWN;
        };
        Instant now = clock.instant();
        Boolean changed = tx.execute(s -> {
            Payment locked = journal.findForUpdate(p.id()).orElse(null);
            PaymentState current = locked == null ? null : locked.state();
            if (current != IN_PROGRESS && current != UNKNOWN) {
                return false; // settled already: a late or repeated answer changes nothing
            }
            if (current == IN_PROGRESS || target != UNKNOWN) {
                journal.record(p.id(), current, target, answer, now);
            } else {
                journal.note(p.id(), UNKNOWN, now, answer.reason());
            }
            if (answer.verdict() == Verdict.IN_DOUBT) {
                tasks.due(p.id(), now.plus(properties.recovery().initialBackoff()));
                return current == IN_PROGRESS;
            }
            tasks.delete(p.id());
            locks.release(p.terminalId(), p.id());
            if (answer.verdict() == Verdict.UNCLEAR) {
                journal.flagForHuman(p.id(), UNKNOWN, answer.reason(), now);
            } else if (locked.needsHuman()) { // recovery had flagged it; read under the row lock, so it stays so
                journal.clearHumanFlag(p.id(), target, now);
            }
            return true;
        });
        if (Boolean.TRUE.equals(changed)) {
            log.info("Payment {} on terminal {}: {}", p.id(), p.terminalId(), target);
            if (answer.verdict() == Verdict.UNCLEAR) {
                log.warn("Payment {} answer cannot be read with certainty ({}): flagged for a human", p.id(), answer.reason());
            }
        }
        signals.signal(p.id());
    }

    /** Sent, but no readable answer: UNKNOWN, and recovery asks TransactionStatus soon. */
    void inDoubt(Payment p, String why) {
        Instant now = clock.instant();
        Boolean changed = tx.execute(s -> {
            boolean moved = journal.transition(p.id(), IN_PROGRESS, UNKNOWN, now, "outcome unknown: " + why);
            if (moved) {
                tasks.due(p.id(), now.plus(properties.recovery().initialBackoff()));
            }
            return moved;
        });
        if (Boolean.TRUE.equals(changed)) {
            log.warn("Payment {} on terminal {}: outcome unknown ({}); asking TransactionStatus", p.id(), p.terminalId(), why);
        }
        signals.signal(p.id());
    }

    /** Certainly never reached the terminal (gate closed, breaker open, connection refused, HTTP 4xx): FAILED. */
    void notSent(Payment p, PaymentState from, String why) {
        Instant now = clock.instant();
        Boolean changed = tx.execute(s -> {
            boolean moved = journal.transition(p.id(), from, PaymentState.FAILED, now, "not charged: " + why);
            if (moved) {
                tasks.delete(p.id());
                locks.release(p.terminalId(), p.id());
            }
            return moved;
        });
        if (Boolean.TRUE.equals(changed)) {
            log.warn("Payment {} on terminal {}: FAILED before reaching the terminal ({})", p.id(), p.terminalId(), why);
        }
        signals.signal(p.id());
    }

    /** TransactionStatus says NotFound long enough after sending: the backend never processed it. */
    void notFound(Payment p) {
        Instant now = clock.instant();
        Boolean changed = tx.execute(s -> {
            boolean moved = journal.transition(p.id(), UNKNOWN, PaymentState.FAILED, now,
                    "TransactionStatus: NotFound after the deadline; nothing was charged");
            if (moved) {
                tasks.delete(p.id());
                locks.release(p.terminalId(), p.id());
                journal.clearHumanFlag(p.id(), PaymentState.FAILED, now);
            }
            return moved;
        });
        if (Boolean.TRUE.equals(changed)) {
            log.info("Payment {} on terminal {}: FAILED (backend has no record of it)", p.id(), p.terminalId());
        }
        signals.signal(p.id());
    }

    /** The cashier cancelled before the terminal was called. */
    boolean cancelledBeforeSending(Payment p) {
        Instant now = clock.instant();
        Boolean changed = tx.execute(s -> {
            boolean moved = journal.transition(p.id(), PaymentState.RECEIVED, PaymentState.CANCELLED, now,
                    "cancelled by the cashier before the terminal was called");
            if (moved) {
                tasks.delete(p.id());
                locks.release(p.terminalId(), p.id());
            }
            return moved;
        });
        signals.signal(p.id());
        return Boolean.TRUE.equals(changed);
    }
}

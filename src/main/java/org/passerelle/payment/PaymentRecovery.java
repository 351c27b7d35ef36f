package org.passerelle.payment;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.passerelle.channel.BreakerOpenException;
import org.passerelle.channel.ChannelClosedException;
import org.passerelle.channel.ChannelGate;
import org.passerelle.channel.ChannelId;
import org.passerelle.payment.nexo.StatusAnswer;
import org.passerelle.payment.nexo.TerminalBackendException;
import org.passerelle.payment.nexo.Verdict;
import org.passerelle.retry.Backoff;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Resolves payments and refunds whose outcome is unknown, from durable tasks (route {@code payment-recovery}):
 * every poll claims the due tasks and asks TransactionStatus with exponential backoff. It never sends a
 * payment again. While the hospital is isolated nothing leaves (tasks stay due and resume on restore); while
 * payments are only suspended, inquiries continue. Outcomes still unknown after human-after are flagged.
 */
@Component
public class PaymentRecovery {

    private static final Logger log = LoggerFactory.getLogger(PaymentRecovery.class);

    private final RecoveryTasks tasks;
    private final PaymentJournal journal;
    private final RefundJournal refunds;
    private final TerminalBackend backend;
    private final PaymentSettlement settlement;
    private final RefundSettlement refundSettlement;
    private final HumanFlags humanFlags;
    private final ChannelGate gate;
    private final PaymentProperties properties;
    private final Clock clock;
    private volatile boolean pausedLogged;

    PaymentRecovery(RecoveryTasks tasks, PaymentJournal journal, RefundJournal refunds, TerminalBackend backend,
                    PaymentSettlement settlement, RefundSettlement refundSettlement, HumanFlags humanFlags,
                    ChannelGate gate, PaymentProperties properties, Clock clock) {
        this.tasks = tasks;
        this.journal = journal;
        this.refunds = refunds;
        this.backend = backend;
        this.settlement = settlement;
        this.refundSettlement = refundSettlement;
        this.humanFlags = humanFlags;
        this.gate = gate;
        this.properties = properties;
        this.clock = clock;
    }

    /** Flags what waits for a human, then claims the due tasks (none while payments are isolated). */
    public List<RecoveryTask> claimDue() {
        List<RecoveryTask> claimed = new ArrayList<>();
        try {
            Instant now = clock.instant();
            humanFlags.flagOverdue(now);
            if (!gate.allowsRecovery(ChannelId.PAYMENTS)) {
                if (!pausedLogged) {
                    log.info("Payment recovery paused: the payments channel is isolated (nothing may reach the backend)");
                    pausedLogged = true;
                }
                return claimed;
            }
            pausedLogged = false;
            // long enough for one inquiry; a replica that stops mid-inquiry leaves the task to others after it
            Instant lease = now.plus(properties.backend().statusTimeout().multipliedBy(2)).plusSeconds(1);
            for (RecoveryTask task : tasks.dueAt(now, properties.recovery().batchSize())) {
                if (tasks.claim(task, lease)) {
                    claimed.add(task);
                }
            }
        } catch (RuntimeException e) {
            log.warn("Payment recovery poll failed: {}", e.getClass().getSimpleName());
        }
        return claimed;
    }

    public void handle(RecoveryTask task) {
        try {
            if (task.kind() == RecoveryTask.Kind.PAYMENT) {
                recoverPayment(task);
            } else {
                recoverRefund(task);
            }
        } catch (ChannelClosedException e) {
            tasks.due(task.targetId(), clock.instant()); // isolated meanwhile: stays due, resumes on restore
        } catch (BreakerOpenException e) {
            later(task, "payments breaker open");
        } catch (TerminalBackendException e) {
            later(task, e.getMessage());
        } catch (RuntimeException e) {
            log.warn("Recovery of {} {} failed unexpectedly: {}", task.kind(), task.targetId(), e.getClass().getSimpleName());
            later(task, "unexpected " + e.getClass().getSimpleName());
        }
    }

    private void recoverPayment(RecoveryTask task) throws TerminalBackendException {
        Payment p = journal.find(task.paymentId()).orElse(null);
        if (p == null || !p.state().isPending()) {
            tasks.delete(task.targetId());
            return;
        }
        Instant now = clock.instant();
        if (p.state() == PaymentState.RECEIVED) {
            Instant grace = p.createdAt().plus(properties.recovery().receivedGrace());
            if (now.isBefore(grace)) {
                tasks.due(task.targetId(), grace);
            } else {
                settlement.notSent(p, PaymentState.RECEIVED, "never sent within the grace period (restart or overload)");
            }
            return;
        }
        if (p.state() == PaymentState.IN_PROGRESS) {
            Instant overdue = p.sentAt().plus(properties.backend().readTimeout())
                    .plus(properties.recovery().inFlightMargin());
            if (now.isBefore(overdue)) {
                tasks.due(task.targetId(), overdue); // its worker is still waiting for the answer
                return;
            }
            settlement.inDoubt(p, "no answer recorded: the replica that sent it stopped waiting");
            p = journal.find(p.id()).orElseThrow();
        }
        StatusAnswer status = backend.paymentStatus(p);
        switch (status.kind()) {
            case PROCESSED -> {
                if (status.original().verdict() == Verdict.IN_DOUBT) {
                    later(task, status.original().reason());
                } else {
                    settlement.answered(p, status.original().viaTransactionStatus());
                }
            }
            case NOT_FOUND -> {
                if (now.isBefore(task.notFoundDeadline())) {
                    later(task, status.reason() + " (too early to trust)");
                } else {
                    settlement.notFound(p);
                }
            }
            case IN_PROGRESS, UNCLEAR -> later(task, status.reason());
        }
    }

    private void recoverRefund(RecoveryTask task) throws TerminalBackendException {
        Refund r = refunds.find(task.targetId()).orElse(null);
        Payment p = journal.find(task.paymentId()).orElse(null);
        if (r == null || p == null || (r.state() != RefundState.IN_PROGRESS && r.state() != RefundState.UNKNOWN)) {
            tasks.delete(task.targetId());
            return;
        }
        Instant now = clock.instant();
        if (r.state() == RefundState.IN_PROGRESS) {
            Instant overdue = r.createdAt().plus(properties.backend().reversalTimeout())
                    .plus(properties.recovery().inFlightMargin());
            if (now.isBefore(overdue)) {
                tasks.due(task.targetId(), overdue);
                return;
            }
            refundSettlement.inDoubt(r, "no answer recorded: the replica that sent it stopped waiting");
        }
        StatusAnswer status = backend.refundStatus(p, r);
        switch (status.kind()) {
            case PROCESSED -> {
                if (status.original().verdict() == Verdict.IN_DOUBT) {
                    later(task, status.original().reason());
                } else {
                    refundSettlement.answered(refunds.find(r.id()).orElseThrow(), status.original().viaTransactionStatus());
                }
            }
            case NOT_FOUND -> {
                if (now.isBefore(task.notFoundDeadline())) {
                    later(task, status.reason() + " (too early to trust)");
                } else {
                    refundSettlement.notFound(refunds.find(r.id()).orElseThrow());
                }
            }
            case IN_PROGRESS, UNCLEAR -> later(task, status.reason());
        }
    }

    private void later(RecoveryTask task, String why) {
        Instant next = clock.instant().plus(backoff(task.attempts()));
        tasks.retryLater(task.targetId(), next, why);
        log.debug("{} {} still unresolved ({}); next inquiry at {}", task.kind(), task.targetId(), why, next);
    }

    Duration backoff(int attempts) {
        PaymentProperties.Recovery r = properties.recovery();
        return Backoff.withJitter(r.initialBackoff(), r.maxBackoff(), attempts);
    }
}

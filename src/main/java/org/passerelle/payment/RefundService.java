package org.passerelle.payment;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.passerelle.channel.BreakerOpenException;
import org.passerelle.channel.ChannelCalls;
import org.passerelle.channel.ChannelClosedException;
import org.passerelle.channel.ChannelId;
import org.passerelle.payment.nexo.ServiceIds;
import org.passerelle.payment.nexo.TerminalAnswer;
import org.passerelle.payment.nexo.TerminalBackendException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Refunds all or part of an approved payment with a ReversalRequest naming the terminal's transaction.
 * The refund is journaled (payment row locked, so never above what is left even under concurrent
 * requests) before the request leaves; it is answered within the request, or left UNKNOWN for recovery.
 */
@Service
class RefundService {

    public record Outcome(Refund refund, boolean replayed) {
    }

    private final PaymentJournal journal;
    private final RefundJournal refunds;
    private final RecoveryTasks tasks;
    private final RefundSettlement settlement;
    private final TerminalBackend backend;
    private final ChannelCalls calls;
    private final PaymentProperties properties;
    private final TransactionTemplate tx;
    private final Clock clock;

    RefundService(PaymentJournal journal, RefundJournal refunds, RecoveryTasks tasks, RefundSettlement settlement,
                  TerminalBackend backend, ChannelCalls calls, PaymentProperties properties, TransactionTemplate tx,
                  Clock clock) {
        this.journal = journal;
        this.refunds = refunds;
        this.tasks = tasks;
        this.settlement = settlement;
        this.backend = backend;
        this.calls = calls;
        this.properties = properties;
        this.tx = tx;
        this.clock = clock;
    }

    public Outcome refund(String paymentId, NewRefund body, String user, String idempotencyKey) {
        String key = RequestHash.requireKey(idempotencyKey);
        Long asked = body == null ? null : body.amountMinor();
        String hash = RequestHash.of("refund", paymentId, asked);
        Optional<Outcome> replay = replay(user, key, hash);
        if (replay.isPresent()) {
            return replay.get();
        }
        if (journal.find(paymentId).isEmpty()) {
            throw new PaymentProblems.NotFound("payment");
        }
        if (!calls.acceptsNewWork(ChannelId.PAYMENTS)) {
            throw PaymentProblems.Unavailable.forRefund(calls.isOpen(ChannelId.PAYMENTS));
        }
        Instant now = clock.instant();
        Refund refund;
        try {
            refund = tx.execute(s -> journalRefund(paymentId, asked, user, key, hash, now));
        } catch (DuplicateKeyException raced) {
            return replay(user, key, hash).orElseThrow(() -> raced);
        }
        send(refund, now);
        return new Outcome(refunds.find(refund.id()).orElseThrow(), false);
    }

    private Refund journalRefund(String paymentId, Long asked, String user, String key, String hash, Instant now) {
        Payment p = journal.findForUpdate(paymentId).orElseThrow(() -> new PaymentProblems.NotFound("payment"));
        if (!p.state().isRefundable()) {
            throw new PaymentProblems.Conflict(PaymentProblems.NOT_REFUNDABLE, "Payment cannot be refunded",
                    "Only an approved payment can be refunded; this one is " + p.state() + ". Nothing was stored.", p.state());
        }
        if (p.poiTransactionId() == null) {
            throw new PaymentProblems.Conflict(PaymentProblems.NOT_REFUNDABLE, "Payment cannot be refunded",
                    "The terminal gave no transaction reference for this payment, so it cannot be reversed "
                            + "through Passerelle; refund it on the terminal backend. Nothing was stored.", p.state());
        }
        long held = refunds.ofPayment(paymentId).stream().filter(r -> r.state().holdsAmount())
                .mapToLong(Refund::amountMinor).sum();
        long left = p.amountMinor() - held;
        long amount = asked == null ? left : asked;
        if (amount <= 0 || amount > left) {
            throw new PaymentProblems.RefundTooLarge(Math.max(0, left));
        }
        Refund refund = new Refund(UUID.randomUUID().toString(), paymentId, amount, RefundState.IN_PROGRESS, user, key,
                hash, properties.saleId(), ServiceIds.next(), null, null, false, now, now);
        refunds.insert(refund);
        PaymentProperties.Recovery recovery = properties.recovery();
        tasks.create(refund.id(), RecoveryTask.Kind.REFUND, paymentId,
                now.plus(properties.backend().reversalTimeout()).plus(recovery.inFlightMargin()),
                now.plus(recovery.notFoundAfter()), now.plus(recovery.humanAfter()), now);
        journal.note(paymentId, p.state(), now, "refund " + refund.id() + " of " + amount + " asked (ReversalRequest)");
        return refund;
    }

    private void send(Refund refund, Instant at) {
        Payment p = journal.find(refund.paymentId()).orElseThrow();
        try {
            TerminalAnswer answer = backend.reverse(p, refund, at);
            settlement.answered(refund, answer);
        } catch (ChannelClosedException e) {
            settlement.notSent(refund, "payments channel closed before the backend was called");
        } catch (BreakerOpenException e) {
            settlement.notSent(refund, "payments breaker open; the backend was not called");
        } catch (TerminalBackendException e) {
            if (e.nothingProcessed()) {
                settlement.notSent(refund, e.getMessage());
            } else {
                settlement.inDoubt(refund, e.getMessage());
            }
        }
    }

    private Optional<Outcome> replay(String user, String key, String hash) {
        return refunds.findByKey(user, key).map(existing -> {
            if (!existing.requestHash().equals(hash)) {
                throw new PaymentProblems.KeyReused();
            }
            return new Outcome(existing, true);
        });
    }
}

package org.passerelle.payment;

import java.time.Clock;
import org.passerelle.channel.BreakerOpenException;
import org.passerelle.channel.ChannelCalls;
import org.passerelle.channel.ChannelClosedException;
import org.passerelle.channel.ChannelId;
import org.passerelle.payment.nexo.TerminalBackendException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * The cashier's "cancel": before the terminal is called it simply cancels; while the card prompt may
 * be open (IN_PROGRESS, or UNKNOWN awaiting TransactionStatus) it sends an AbortRequest, whose effect
 * arrives as the payment's own answer (CANCELLED, or APPROVED if the card was faster).
 */
@Service
class PaymentCancellation {

    private static final Logger log = LoggerFactory.getLogger(PaymentCancellation.class);

    private final PaymentJournal journal;
    private final PaymentSettlement settlement;
    private final TerminalBackend backend;
    private final ChannelCalls calls;
    private final Clock clock;

    PaymentCancellation(PaymentJournal journal, PaymentSettlement settlement, TerminalBackend backend, ChannelCalls calls,
                        Clock clock) {
        this.journal = journal;
        this.settlement = settlement;
        this.backend = backend;
        this.calls = calls;
        this.clock = clock;
    }

    public void cancel(String id) {
        Payment p = journal.find(id).orElseThrow(() -> new PaymentProblems.NotFound("payment"));
        if (p.state() == PaymentState.RECEIVED && settlement.cancelledBeforeSending(p)) {
            return;
        }
        p = journal.find(id).orElseThrow();
        // UNKNOWN too: without an answer, the card prompt may well still be open
        if (p.state() != PaymentState.IN_PROGRESS && !(p.state() == PaymentState.UNKNOWN && !p.needsHuman())) {
            throw new PaymentProblems.Conflict(PaymentProblems.NOT_CANCELLABLE, "Payment cannot be cancelled",
                    "Only a payment whose card prompt may still be open can be cancelled; this one is " + p.state()
                            + (p.state().isCharged() ? " (refund it instead)" : ""), p.state());
        }
        try {
            backend.abort(p);
            journal.note(p.id(), p.state(), clock.instant(), "AbortRequest sent at the cashier's request");
            log.info("Payment {} on terminal {}: AbortRequest sent", p.id(), p.terminalId());
        } catch (ChannelClosedException | BreakerOpenException | TerminalBackendException e) {
            log.warn("Payment {}: AbortRequest not delivered ({})", p.id(), e.getClass().getSimpleName());
            throw PaymentProblems.Unavailable.forAbort(calls.isOpen(ChannelId.PAYMENTS)
                    || !(e instanceof ChannelClosedException));
        }
    }
}

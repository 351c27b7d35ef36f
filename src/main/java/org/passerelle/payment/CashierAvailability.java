package org.passerelle.payment;

import org.passerelle.channel.ChannelCalls;
import org.passerelle.channel.ChannelGate;
import org.passerelle.channel.ChannelId;
import org.springframework.stereotype.Component;

/**
 * Whether a cashier may start a card payment now, and if not why, before the cashier tries: the same checks as
 * {@link PaymentIntake} (the {@code payments} gate, its breaker, the worker accepting) plus what the backend probe
 * last found.
 */
@Component
class CashierAvailability {

    /** Why card payments are refused; each has its text {@code cashier.unavailable.<name>} in the bundle. */
    enum Reason { SUSPENDED, ISOLATED, BREAKER_OPEN, BACKEND_DOWN, SHUTTING_DOWN }

    private final ChannelGate gate;
    private final ChannelCalls calls;
    private final PaymentBackendProbe probe;
    private final PaymentWorker worker;

    CashierAvailability(ChannelGate gate, ChannelCalls calls, PaymentBackendProbe probe, PaymentWorker worker) {
        this.gate = gate;
        this.calls = calls;
        this.probe = probe;
        this.worker = worker;
    }

    /** Null when a payment may start; otherwise the first reason that stops it. */
    Reason refusal() {
        if (!gate.allowsRecovery(ChannelId.PAYMENTS)) {
            return Reason.ISOLATED;
        }
        if (!gate.isOpen(ChannelId.PAYMENTS)) {
            return Reason.SUSPENDED;
        }
        if (!calls.acceptsNewWork(ChannelId.PAYMENTS)) {
            return Reason.BREAKER_OPEN;
        }
        if (probe.lastOutcome() == PaymentBackendProbe.Outcome.FAILING) {
            return Reason.BACKEND_DOWN;
        }
        if (!worker.accepting()) {
            return Reason.SHUTTING_DOWN;
        }
        return null;
    }
}

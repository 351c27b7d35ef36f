package org.passerelle.payment;

import org.passerelle.channel.BreakerOpenException;
import org.passerelle.channel.ChannelClosedException;
import org.passerelle.payment.nexo.TerminalBackendException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * A DiagnosisRequest every {@code probe-interval} (route {@code payment-backend-probe}), through the payments
 * breaker and gate like every request: a dead backend opens the breaker before a cashier finds out, and once
 * the breaker lets a trial call through, the probe is that trial rather than a patient's card payment. While
 * ops keep payments suspended or isolated, the gate refuses the probe like any new work.
 */
@Component
public class PaymentBackendProbe {

    private static final Logger log = LoggerFactory.getLogger(PaymentBackendProbe.class);

    /** What one probe found. */
    enum Outcome { HEALTHY, FAILING, NOT_SENT }

    private final TerminalBackend backend;
    private final PaymentProperties properties;
    private volatile Outcome last;

    PaymentBackendProbe(TerminalBackend backend, PaymentProperties properties) {
        this.backend = backend;
        this.properties = properties;
    }

    /** What the last probe sent found (null before the first, or with no probe): the cashier screen shows it. */
    Outcome lastOutcome() {
        return last;
    }

    /** True when a probe is configured (an interval and a terminal to name). */
    public boolean due() {
        return properties.probeEnabled();
    }

    public Outcome probe() {
        Outcome outcome;
        try {
            outcome = backend.diagnose(properties.probeTerminalId()) ? Outcome.HEALTHY : Outcome.FAILING;
        } catch (BreakerOpenException | ChannelClosedException e) {
            return Outcome.NOT_SENT;
        } catch (TerminalBackendException | RuntimeException e) {
            outcome = Outcome.FAILING;
        }
        if (outcome != last) {
            if (outcome == Outcome.HEALTHY) {
                log.info("Terminal backend answers DiagnosisRequest");
            } else {
                log.warn("Terminal backend fails DiagnosisRequest");
            }
            last = outcome;
        }
        return outcome;
    }
}

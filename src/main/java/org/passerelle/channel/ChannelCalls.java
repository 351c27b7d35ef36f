package org.passerelle.channel;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.util.concurrent.Callable;
import org.springframework.stereotype.Component;

/**
 * For outbound calls made from Java rather than from a Camel route: the call passes the channel gate
 * immediately before it leaves and runs inside the channel's own circuit breaker.
 */
@Component
public class ChannelCalls {

    private final ChannelGate gate;
    private final ChannelBreakers breakers;

    public ChannelCalls(ChannelGate gate, ChannelBreakers breakers) {
        this.gate = gate;
        this.breakers = breakers;
    }

    /** New work: refused unless the channel is ACTIVE and its breaker lets calls through. */
    public <T> T call(ChannelId channel, Callable<T> outboundCall) throws Exception {
        return run(channel, false, outboundCall);
    }

    /** Follow-up of work already started (status inquiry): allowed while SUSPENDED, refused while ISOLATED. */
    public <T> T recoveryCall(ChannelId channel, Callable<T> outboundCall) throws Exception {
        return run(channel, true, outboundCall);
    }

    private <T> T run(ChannelId channel, boolean recovery, Callable<T> outboundCall) throws Exception {
        CircuitBreaker breaker = breakers.breaker(channel);
        try {
            return breaker.executeCallable(() -> {
                try (ChannelGate.Admission admitted = recovery ? gate.enterForRecovery(channel) : gate.enter(channel)) {
                    return outboundCall.call();
                }
            });
        } catch (CallNotPermittedException e) {
            throw new BreakerOpenException(channel);
        }
    }

    /**
     * True when nothing left because ops or the breaker refused the call (a closed gate, an open breaker),
     * as raised by {@link #call}, by the {@code gate:} component or by a route's circuit breaker. Such work
     * is held, not failed, and the outside service is not to blame.
     */
    public static boolean refusedBeforeSending(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ChannelClosedException || t instanceof BreakerOpenException || t instanceof CallNotPermittedException) {
                return true;
            }
        }
        return false;
    }

    /** Cheap check before accepting new work: false when the gate is closed or the breaker refuses calls. */
    public boolean acceptsNewWork(ChannelId channel) {
        return gate.isOpen(channel) && (!channel.hasBreaker() || breakers.permitsCalls(channel));
    }

    public boolean isOpen(ChannelId channel) {
        return gate.isOpen(channel);
    }
}

package org.passerelle.channel;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import org.springframework.stereotype.Component;

/**
 * What features ask the control plane before they accept or claim work, and how they recognise a call
 * that ops or a breaker refused. The calls themselves leave through Camel routes, past the {@code gate:}
 * component inside the channel's circuit breaker: there is no other way out.
 */
@Component
public class ChannelCalls {

    private final ChannelGate gate;
    private final ChannelBreakers breakers;

    public ChannelCalls(ChannelGate gate, ChannelBreakers breakers) {
        this.gate = gate;
        this.breakers = breakers;
    }

    /**
     * True when nothing left because ops or the breaker refused the call (a closed gate, an open breaker),
     * as raised by the {@code gate:} component or by a route's circuit breaker. Such work is held, not
     * failed, and the outside service is not to blame.
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

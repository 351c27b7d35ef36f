package org.passerelle.channel;

/** The channel's circuit breaker refused the call: the outside service is considered down. Nothing was sent. */
public class BreakerOpenException extends RuntimeException {

    private final ChannelId channel;

    public BreakerOpenException(ChannelId channel) {
        super("The " + channel + " circuit breaker is open: the outside service is considered unavailable");
        this.channel = channel;
    }

    public ChannelId channel() {
        return channel;
    }
}

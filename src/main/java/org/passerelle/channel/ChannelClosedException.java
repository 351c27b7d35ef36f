package org.passerelle.channel;

/** Thrown by the gate when a channel is not open: the work must be held, never dropped. */
public class ChannelClosedException extends RuntimeException {

    private final ChannelId channel;
    private final ChannelState state;

    public ChannelClosedException(ChannelId channel, ChannelState state) {
        super("Channel " + channel + " is " + (state == null ? "not loaded yet" : state.name().toLowerCase()));
        this.channel = channel;
        this.state = state;
    }

    public ChannelId channel() {
        return channel;
    }

    /** The state that closed the gate; null while the replica has not loaded the state yet. */
    public ChannelState state() {
        return state;
    }
}

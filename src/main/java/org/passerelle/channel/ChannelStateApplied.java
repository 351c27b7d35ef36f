package org.passerelle.channel;

/**
 * Published on a replica when it starts enforcing a new state for a channel (after a local change or a
 * reconcile). Features listen to release connections on isolation; the gate is already closed by then.
 */
public record ChannelStateApplied(ChannelId channel, ChannelState previous, ChannelState current) {
}

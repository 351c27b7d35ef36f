/**
 * The Camel component {@code gate:<channel>:<endpoint uri>} and {@code gate:<channel>:follow-up:<endpoint uri>}:
 * admits the call at the channel gate in the calling thread, right before the wrapped producer runs, and fails the
 * exchange with {@link org.passerelle.channel.ChannelClosedException} when the gate is closed, so nothing is sent.
 * New work passes only while the channel is ACTIVE; a {@code follow-up:} of work already started (a payment status
 * inquiry, an abort) also while SUSPENDED, never while ISOLATED. Offers the {@code gate:} scheme to routes, no Java
 * types. Depends on {@code channel}.
 */
package org.passerelle.channel.gate;

/**
 * The Camel component {@code gate:<channel>:<endpoint uri>}: admits the call at the channel gate in the
 * calling thread, right before the wrapped producer runs, and fails the exchange with
 * {@link org.passerelle.channel.ChannelClosedException} when the gate is closed, so nothing is sent. Offers the
 * {@code gate:} scheme to routes, no Java types. Depends on {@code channel}.
 */
package org.passerelle.channel.gate;

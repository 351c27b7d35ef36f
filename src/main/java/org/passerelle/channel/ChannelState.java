package org.passerelle.channel;

/**
 * Desired state of a channel.
 * <ul>
 *   <li>ACTIVE: traffic flows.</li>
 *   <li>SUSPENDED: no new work leaves; recovery of work already started (e.g. a payment status
 *   inquiry) may still reach the outside service.</li>
 *   <li>ISOLATED: set by the incident "isolate": nothing at all reaches the outside service until
 *   ops restore the channel.</li>
 * </ul>
 */
enum ChannelState {
    ACTIVE, SUSPENDED, ISOLATED
}

package org.passerelle.channel;

import java.util.List;

/**
 * Answer to a control change: the channels' status after it, and how many outbound calls that had
 * already started were still running when the call returned (they finish normally).
 */
record ChangeResponse(List<ChannelStatus> channels, int callsStillInFlight, IncidentRecord incident) {
}

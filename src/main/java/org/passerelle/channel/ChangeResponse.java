package org.passerelle.channel;

import java.util.List;

/**
 * Answer to a control change: the channels' status after it, and how many outbound calls that had
 * already started were still running when the call returned (they finish normally). Under four-eyes, a reopening
 * answers 202 with the request waiting for a second ops user ({@code pendingApproval}) and nothing changed yet.
 */
record ChangeResponse(List<ChannelStatus> channels, int callsStillInFlight, IncidentRecord incident,
                      ReopenRequest pendingApproval) {

    ChangeResponse(List<ChannelStatus> channels, int callsStillInFlight, IncidentRecord incident) {
        this(channels, callsStillInFlight, incident, null);
    }
}

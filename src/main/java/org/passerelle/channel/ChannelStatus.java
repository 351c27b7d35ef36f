package org.passerelle.channel;

import java.time.OffsetDateTime;

/** What ops see of one channel on this replica. */
record ChannelStatus(
        String id,
        ChannelState state,
        boolean open,
        Breaker breaker,
        LastChange lastChange,
        ErrorInfo lastError,
        Long incidentId,
        int callsInFlight) {

    /** Breaker as this replica sees it; null for a channel that calls no outside service. */
    public record Breaker(String state, BreakerMode mode, float failureRate, int bufferedCalls, int failedCalls,
                          long notPermittedCalls) {
    }

    public record LastChange(String by, OffsetDateTime at, String reason) {
    }

    public record ErrorInfo(String description, OffsetDateTime at) {
    }
}

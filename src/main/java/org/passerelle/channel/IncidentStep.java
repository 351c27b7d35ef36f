package org.passerelle.channel;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * Published (after its transaction committed) when an incident isolates every channel or restores some, so the
 * features that own the work can have what was waiting recorded for the incident report
 * ({@link IncidentHistory#recordWork}).
 */
public record IncidentStep(long incidentId, Kind kind, List<ChannelId> channels, OffsetDateTime at) {

    public enum Kind { ISOLATE, RESTORE }
}

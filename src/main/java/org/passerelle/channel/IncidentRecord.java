package org.passerelle.channel;

import java.time.OffsetDateTime;

/** One security incident: opened by "isolate", closed when the last isolated channel is restored. */
public record IncidentRecord(
        long id, OffsetDateTime openedAt, String openedBy, String reason, OffsetDateTime closedAt, String closedBy) {
}

package org.passerelle.channel;

import java.time.OffsetDateTime;
import java.util.List;

/** A reopening waiting for (or given) a second ops user's approval; see {@link ReopenApprovals}. */
public record ReopenRequest(long id, Long incidentId, Kind kind, List<String> channels, String requestedBy,
                            OffsetDateTime requestedAt, String reason, Status status, String decidedBy,
                            OffsetDateTime decidedAt, String decisionReason) {

    public enum Kind { RESTORE, RESUME }

    public enum Status { PENDING, APPROVED, WITHDRAWN }
}

package org.passerelle.channel;

import java.time.OffsetDateTime;

/**
 * One append-only record of a control change: who, when, what from and to, and why; for a four-eyes reopening,
 * the second ops user who approved it ({@code approvedBy}, else null).
 */
public record AuditEntry(
        long id,
        OffsetDateTime occurredAt,
        String actor,
        String channel,
        AuditAction action,
        String from,
        String to,
        String reason,
        Long incidentId,
        String approvedBy) {
}

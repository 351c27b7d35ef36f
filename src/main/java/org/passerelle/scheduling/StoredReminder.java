package org.passerelle.scheduling;

import java.time.Instant;

/** A reminder row. */
record StoredReminder(
        long id,
        String appointmentId,
        int seq,
        ReminderStatus status,
        Instant dueAt,
        Instant expiresAt,
        Instant nextAttemptAt,
        int attempts,
        int ambiguousSends,
        String encoding,
        Integer segments,
        Instant submittedAt,
        Instant finalAt,
        String error) {
}

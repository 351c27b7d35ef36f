package org.passerelle.scheduling;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

/** What a scheduler sees of an appointment: never the full phone number. */
public record AppointmentView(
        String id,
        AppointmentStatus status,
        OffsetDateTime start,
        String timeZone,
        String siteCode,
        boolean smsReminders,
        Phone phone,
        List<Reminder> reminders) {

    public record Phone(String masked, PhonePolicy.PhoneStatus status, String reason) {
    }

    public record Reminder(int seq, ReminderStatus status, Instant dueAt, Instant expiresAt, int attempts,
                           int ambiguousSends, String encoding, Integer segments, Instant submittedAt, Instant finalAt, String error) {
    }
}

package org.passerelle.scheduling;

import java.time.ZonedDateTime;

/** A claimed reminder with what it takes to write and address it. Holds a phone number: never log it. */
public record ReminderToSend(long reminderId, String appointmentId, int seq, int attempts, String phoneE164,
                             ZonedDateTime start, String siteCode) {

    @Override
    public String toString() {
        return "ReminderToSend[reminderId=" + reminderId + ", seq=" + seq + ", attempts=" + attempts + "]";
    }
}

package org.passerelle.scheduling;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/** An appointment row as stored; the phone is still encrypted. */
record StoredAppointment(
        String id,
        AppointmentCommand.IntakeSource source,
        AppointmentStatus status,
        Instant start,
        ZoneId zone,
        String siteCode,
        boolean smsConsent,
        String phoneEncrypted,
        String phoneHash,
        PhonePolicy.PhoneStatus phoneStatus,
        String phoneReason,
        long version,
        Instant createdAt,
        Instant updatedAt) {

    ZonedDateTime localStart() {
        return start.atZone(zone);
    }
}

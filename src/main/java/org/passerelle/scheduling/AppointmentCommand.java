package org.passerelle.scheduling;

import java.time.ZonedDateTime;

/** A create-or-replace of one appointment, from REST or HL7. */
public record AppointmentCommand(
        String id, IntakeSource source, String phone, ZonedDateTime start, String siteCode, boolean smsConsent) {

    public enum IntakeSource { REST, HL7 }
}

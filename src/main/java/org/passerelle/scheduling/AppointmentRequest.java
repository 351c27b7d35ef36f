package org.passerelle.scheduling;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.DateTimeException;
import java.time.OffsetDateTime;
import java.time.ZoneId;

/** Body of {@code PUT /api/appointments/{id}}. */
record AppointmentRequest(
        @Size(max = 32, message = "at most 32 characters")
        @Pattern(regexp = "[0-9+ ().\\-/]*", message = "digits, spaces, + ( ) . - / only")
        String patientPhone,
        @NotNull(message = "the appointment start is required, as an ISO-8601 date-time with offset")
        OffsetDateTime start,
        @Size(max = 64)
        String timeZone,
        @NotBlank(message = "the site code is required")
        @Pattern(regexp = "[A-Za-z0-9_-]{1,32}", message = "1-32 letters, digits, _ or -")
        String siteCode,
        Boolean smsReminders) {

    @AssertTrue(message = "timeZone must be an IANA zone id such as Europe/Paris")
    public boolean isTimeZoneValid() {
        if (timeZone == null) {
            return true;
        }
        try {
            ZoneId.of(timeZone);
            return true;
        } catch (DateTimeException e) {
            return false;
        }
    }
}

package org.passerelle.testsupport;

import java.time.Instant;

/** The JSON a scheduler PUTs to {@code /api/appointments/{id}}. */
public final class AppointmentBody {

    private AppointmentBody() {
    }

    public static String appointment(String phone, Instant start, String site) {
        return "{\"patientPhone\":\"" + phone + "\",\"start\":\"" + start + "\",\"siteCode\":\"" + site + "\"}";
    }
}

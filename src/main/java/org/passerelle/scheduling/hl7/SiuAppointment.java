package org.passerelle.scheduling.hl7;

import java.time.ZonedDateTime;

/**
 * What Passerelle takes from an SIU message. {@code start}, {@code siteCode} are set for BOOK events
 * only; {@code phone} may be null (the appointment is then kept without a reminder).
 */
record SiuAppointment(SiuEvent event, String appointmentId, ZonedDateTime start, String phone, String siteCode) {
}

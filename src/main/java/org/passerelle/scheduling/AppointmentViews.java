package org.passerelle.scheduling;

import org.passerelle.privacy.PhoneProtection;
import org.springframework.stereotype.Component;

/** Reads an appointment with its reminders for display. */
@Component
public class AppointmentViews {

    private final AppointmentStore appointments;
    private final ReminderStore reminders;
    private final PhoneProtection protection;

    public AppointmentViews(AppointmentStore appointments, ReminderStore reminders, PhoneProtection protection) {
        this.appointments = appointments;
        this.reminders = reminders;
        this.protection = protection;
    }

    public AppointmentView of(String id) {
        StoredAppointment a = appointments.find(id).orElseThrow(() -> new AppointmentNotFoundException(id));
        String masked = a.phoneEncrypted() == null ? null : PhoneProtection.mask(protection.decrypt(a.phoneEncrypted()));
        return new AppointmentView(a.id(), a.status(), a.localStart().toOffsetDateTime(), a.zone().getId(), a.siteCode(),
                a.smsConsent(), new AppointmentView.Phone(masked, a.phoneStatus(), a.phoneReason()),
                reminders.forAppointment(id).stream().map(r -> new AppointmentView.Reminder(r.seq(), r.status(), r.dueAt(),
                        r.expiresAt(), r.attempts(), r.ambiguousSends(), r.encoding(), r.segments(), r.submittedAt(), r.finalAt(), r.error()))
                        .toList());
    }
}

package org.passerelle.scheduling;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** Keeps an appointment's reminders in line with it: creates, moves or cancels the pending one. */
@Component
class ReminderPlanner {

    private final ReminderStore reminders;
    private final ReminderPolicy policy;

    ReminderPlanner(ReminderStore reminders, ReminderPolicy policy) {
        this.reminders = reminders;
        this.policy = policy;
    }

    /** A first reminder to insert for a new appointment. */
    record Planned(String appointmentId, int seq, Instant due, Instant expires) {
    }

    /**
     * @param newAppointment inserted in this transaction: it has no reminders yet, none are read and none
     *        cancelled (see {@link #first})
     */
    void plan(StoredAppointment a, boolean startChanged, Instant now, boolean newAppointment) {
        if (newAppointment) {
            first(a, now).ifPresent(r -> reminders.insert(r.appointmentId(), r.seq(), r.due(), r.expires(), now));
            return;
        }
        List<StoredReminder> existing = reminders.forAppointment(a.id());
        Optional<StoredReminder> pending = existing.stream().filter(r -> r.status() == ReminderStatus.PENDING).findFirst();
        String noReminder = reasonForNoReminder(a);
        if (noReminder != null) {
            reminders.cancelPending(a.id(), noReminder, now);
            return;
        }
        Optional<Instant> due = policy.dueAt(a.start(), now);
        if (due.isEmpty()) {
            reminders.cancelPending(a.id(), "too close to the appointment for a reminder", now);
            return;
        }
        Instant expires = policy.latestSend(a.start());
        if (pending.isPresent()) {
            reminders.reschedule(pending.get().id(), due.get(), expires, now);
            return;
        }
        boolean alreadyHandledForThisStart = !existing.isEmpty() && !startChanged;
        if (alreadyHandledForThisStart) {
            return;
        }
        int seq = existing.stream().mapToInt(StoredReminder::seq).max().orElse(0) + 1;
        reminders.insert(a.id(), seq, due.get(), expires, now);
    }

    /**
     * The reminder a new appointment gets, if any: nothing to read or cancel for it, so the caller may insert
     * it later with others ({@link ReminderStore#insertAll}).
     */
    Optional<Planned> first(StoredAppointment a, Instant now) {
        if (reasonForNoReminder(a) != null) {
            return Optional.empty();
        }
        return policy.dueAt(a.start(), now).map(due -> new Planned(a.id(), 1, due, policy.latestSend(a.start())));
    }

    void insertAll(List<Planned> planned, Instant now) {
        reminders.insertAll(planned, now);
    }

    void cancelPending(String appointmentId, String why, Instant now) {
        reminders.cancelPending(appointmentId, why, now);
    }

    private static String reasonForNoReminder(StoredAppointment a) {
        if (a.status() != AppointmentStatus.BOOKED) {
            return "appointment not booked";
        }
        if (!a.smsConsent()) {
            return "patient declined SMS reminders";
        }
        if (a.phoneStatus() != PhonePolicy.PhoneStatus.OK) {
            return "no usable mobile number: " + a.phoneStatus().name().toLowerCase();
        }
        return null;
    }
}

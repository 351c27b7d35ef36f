package org.passerelle.scheduling;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.passerelle.channel.ChannelGate;
import org.passerelle.channel.ChannelId;
import org.passerelle.privacy.PhoneProtection;
import org.passerelle.privacy.PrivacyProperties;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Accepts appointments from any intake (REST, HL7): stores them and plans their reminders in one
 * transaction. Replaying the same content changes nothing ({@link Replay}: the stored fields are compared, the phone
 * number through its keyed hash; nothing derived from the number is kept for it).
 */
@Service
public class AppointmentIntake {

    public enum Outcome { CREATED, UPDATED, UNCHANGED }

    public record Result(Outcome outcome, AppointmentView appointment) {
    }

    private final AppointmentStore appointments;
    private final ReminderPlanner planner;
    private final PhonePolicy phones;
    private final PhoneProtection protection;
    private final SiteProperties sites;
    private final PrivacyProperties privacy;
    private final ChannelGate gate;
    private final TransactionTemplate tx;
    private final AppointmentViews views;
    private final Clock clock;

    public AppointmentIntake(AppointmentStore appointments, ReminderPlanner planner, PhonePolicy phones,
                             PhoneProtection protection, SiteProperties sites, PrivacyProperties privacy,
                             ChannelGate gate, TransactionTemplate tx, AppointmentViews views, Clock clock) {
        this.appointments = appointments;
        this.planner = planner;
        this.phones = phones;
        this.protection = protection;
        this.sites = sites;
        this.privacy = privacy;
        this.gate = gate;
        this.tx = tx;
        this.views = views;
        this.clock = clock;
    }

    /** Refuses new work while ops keep the scheduling channel closed. */
    public void requireOpen() {
        if (!gate.isOpen(ChannelId.SCHEDULING)) {
            throw new IntakeSuspendedException();
        }
    }

    public Result upsert(AppointmentCommand command) {
        return upsert(command, true);
    }

    /**
     * As {@link #upsert(AppointmentCommand)} without reading the stored appointment back for display (two queries
     * fewer): {@link Result#appointment()} is null. For intakes that only answer with the outcome (HL7).
     */
    public Result upsertWithoutView(AppointmentCommand command) {
        return upsert(command, false);
    }

    private Result upsert(AppointmentCommand command, boolean withView) {
        requireOpen();
        AppointmentId.require(command.id());
        if (!sites.sites().containsKey(command.siteCode())) {
            throw new InvalidAppointmentException("siteCode", "Unknown site code '" + command.siteCode()
                    + "'; known sites: " + String.join(", ", sites.sites().keySet()));
        }
        try {
            return tx.execute(s -> apply(command, withView));
        } catch (DuplicateKeyException raced) {
            return tx.execute(s -> apply(command, withView)); // a concurrent first insert won; now it is an update
        }
    }

    private Result apply(AppointmentCommand c, boolean withView) {
        Instant now = clock.instant();
        Optional<StoredAppointment> existing = appointments.findForUpdate(c.id());
        PhonePolicy.PhoneCheck phone = phones.check(c.phone());
        if (existing.isPresent() && Replay.isUnchanged(existing.get(), c, phone, protection)) {
            return new Result(Outcome.UNCHANGED, withView ? views.of(c.id()) : null);
        }
        StoredAppointment next = new StoredAppointment(c.id(), c.source(), AppointmentStatus.BOOKED,
                c.start().toInstant(), c.start().getZone(), c.siteCode(), c.smsConsent(),
                phone.e164() == null ? null : protection.encrypt(phone.e164()), phone.hash(), phone.status(),
                phone.reason(), existing.map(StoredAppointment::version).orElse(0L) + 1,
                existing.map(StoredAppointment::createdAt).orElse(now), now);
        Instant purgeAfter = next.start().plus(privacy.purgeAfter());
        boolean startChanged;
        if (existing.isEmpty()) {
            appointments.insert(next, purgeAfter);
            startChanged = true;
        } else {
            appointments.update(next, purgeAfter);
            startChanged = !existing.get().start().equals(next.start()) || existing.get().status() != AppointmentStatus.BOOKED;
        }
        planner.plan(next, startChanged, now, existing.isEmpty());
        return new Result(existing.isEmpty() ? Outcome.CREATED : Outcome.UPDATED, withView ? views.of(c.id()) : null);
    }

    /** Cancels the appointment and its pending reminders; false when it does not exist. Idempotent. */
    public boolean cancel(String id, AppointmentStatus status) {
        requireOpen();
        AppointmentId.require(id);
        return Boolean.TRUE.equals(tx.execute(s -> {
            Optional<StoredAppointment> existing = appointments.findForUpdate(id);
            if (existing.isEmpty()) {
                return false;
            }
            Instant now = clock.instant();
            if (existing.get().status() != status) {
                appointments.setStatus(id, status, now);
            }
            planner.cancelPending(id, status == AppointmentStatus.NO_SHOW ? "patient did not come" : "appointment cancelled", now);
            return true;
        }));
    }
}

package org.passerelle.scheduling;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.passerelle.privacy.Digests;
import org.passerelle.channel.ChannelGate;
import org.passerelle.channel.ChannelId;
import org.passerelle.privacy.PhoneProtection;
import org.passerelle.privacy.PrivacyProperties;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Accepts appointments from any intake (REST, HL7): stores them and plans their reminders in one
 * transaction. Replaying the same content changes nothing.
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
        requireOpen();
        requireValidId(command.id());
        if (!sites.sites().containsKey(command.siteCode())) {
            throw new InvalidAppointmentException("siteCode", "Unknown site code '" + command.siteCode()
                    + "'; known sites: " + String.join(", ", sites.sites().keySet()));
        }
        try {
            return tx.execute(s -> apply(command));
        } catch (DuplicateKeyException raced) {
            return tx.execute(s -> apply(command)); // a concurrent first insert won; now it is an update
        }
    }

    private static void requireValidId(String id) {
        if (!AppointmentIds.isValid(id)) {
            throw new InvalidAppointmentException("id", "appointment id must be " + AppointmentIds.RULE);
        }
    }

    private Result apply(AppointmentCommand c) {
        Instant now = clock.instant();
        String hash = contentHash(c);
        Optional<StoredAppointment> existing = appointments.findForUpdate(c.id());
        if (existing.isPresent() && existing.get().contentHash().equals(hash)
                && existing.get().status() == AppointmentStatus.BOOKED) {
            return new Result(Outcome.UNCHANGED, views.of(c.id()));
        }
        PhonePolicy.PhoneCheck phone = phones.check(c.phone());
        StoredAppointment next = new StoredAppointment(c.id(), c.source(), AppointmentStatus.BOOKED,
                c.start().toInstant(), c.start().getZone(), c.siteCode(), c.smsConsent(),
                phone.e164() == null ? null : protection.encrypt(phone.e164()), phone.hash(), phone.status(),
                phone.reason(), hash, existing.map(StoredAppointment::version).orElse(0L) + 1,
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
        planner.plan(next, startChanged, now);
        return new Result(existing.isEmpty() ? Outcome.CREATED : Outcome.UPDATED, views.of(c.id()));
    }

    /** Cancels the appointment and its pending reminders; false when it does not exist. Idempotent. */
    public boolean cancel(String id, AppointmentStatus status) {
        requireOpen();
        requireValidId(id);
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

    static String contentHash(AppointmentCommand c) {
        String canonical = String.join("\u0000", List.of(
                c.id(), String.valueOf(c.phone()), c.start().toInstant().toString(), c.start().getZone().getId(),
                c.siteCode(), String.valueOf(c.smsConsent())));
        return Digests.sha256Hex(canonical);
    }
}

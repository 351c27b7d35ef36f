package org.passerelle.scheduling;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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

    /**
     * A command checked and its number read ({@link #prepare}), ready for {@link #upsertAllWithoutView}: the work
     * that needs no database, done on the caller's thread before it joins a group commit.
     */
    public record Prepared(AppointmentCommand command, PhonePolicy.PhoneCheck number, String phoneEncrypted) {
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

    /**
     * Checks the command (open, id, site) and reads its number, without the database.
     *
     * @throws InvalidAppointmentException, IntakeSuspendedException as {@link #upsert} would
     */
    public Prepared prepare(AppointmentCommand command) {
        requireValid(command);
        PhonePolicy.PhoneCheck number = phones.checkNumber(command.phone());
        return new Prepared(command, number, number.e164() == null ? null : protection.encrypt(number.e164()));
    }

    /**
     * {@link #upsertWithoutView} for several appointments at once, in the caller's transaction (it must have
     * one), with a fixed number of statements for new appointments whatever their count: one locking read of
     * them all, one opt-out look-up, one batch of appointment inserts and one of reminder inserts (an update
     * of a stored appointment still costs its own statements). The i-th result answers the i-th command.
     *
     * @param bookings of {@link #prepare}, each for a different appointment (one transaction cannot apply two
     *        changes of the same appointment in order this way: the caller puts them in different ones)
     * @throws RuntimeException any failure; the caller rolls back and applies each command alone
     */
    public List<Result> upsertAllWithoutView(List<Prepared> bookings) {
        requireOpen();
        if (bookings.isEmpty()) {
            return List.of();
        }
        Set<String> ids = new HashSet<>();
        for (Prepared p : bookings) {
            if (!ids.add(p.command().id())) {
                throw new IllegalArgumentException("the same appointment twice in one group of changes");
            }
        }
        Instant now = clock.instant();
        Map<String, StoredAppointment> stored = appointments.findAllForUpdate(ids);
        List<PhonePolicy.PhoneCheck> checked = phones.withOptOuts(bookings.stream().map(Prepared::number).toList());
        List<Result> results = new ArrayList<>(bookings.size());
        List<AppointmentStore.NewRow> inserts = new ArrayList<>();
        List<ReminderPlanner.Planned> reminders = new ArrayList<>();
        for (int i = 0; i < bookings.size(); i++) {
            AppointmentCommand c = bookings.get(i).command();
            PhonePolicy.PhoneCheck phone = checked.get(i);
            Optional<StoredAppointment> existing = Optional.ofNullable(stored.get(c.id()));
            if (existing.isPresent() && Replay.isUnchanged(existing.get(), c, phone, protection)) {
                results.add(new Result(Outcome.UNCHANGED, null));
                continue;
            }
            StoredAppointment next = next(c, phone, bookings.get(i).phoneEncrypted(), existing, now);
            if (existing.isEmpty()) {
                inserts.add(new AppointmentStore.NewRow(next, next.start().plus(privacy.purgeAfter())));
                planner.first(next, now).ifPresent(reminders::add);
                results.add(new Result(Outcome.CREATED, null));
            } else {
                applyToStored(existing.get(), next, now);
                results.add(new Result(Outcome.UPDATED, null));
            }
        }
        appointments.insertAll(inserts);
        planner.insertAll(reminders, now);
        return results;
    }

    private void requireValid(AppointmentCommand command) {
        requireOpen();
        AppointmentId.require(command.id());
        if (!sites.sites().containsKey(command.siteCode())) {
            throw new InvalidAppointmentException("siteCode", "Unknown site code '" + command.siteCode()
                    + "'; known sites: " + String.join(", ", sites.sites().keySet()));
        }
    }

    private Result upsert(AppointmentCommand command, boolean withView) {
        requireValid(command);
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
        StoredAppointment next = next(c, phone, phone.e164() == null ? null : protection.encrypt(phone.e164()), existing, now);
        if (existing.isEmpty()) {
            appointments.insert(next, next.start().plus(privacy.purgeAfter()));
            planner.plan(next, true, now, true);
        } else {
            applyToStored(existing.get(), next, now);
        }
        return new Result(existing.isEmpty() ? Outcome.CREATED : Outcome.UPDATED, withView ? views.of(c.id()) : null);
    }

    private static StoredAppointment next(AppointmentCommand c, PhonePolicy.PhoneCheck phone, String phoneEncrypted,
                                          Optional<StoredAppointment> existing, Instant now) {
        return new StoredAppointment(c.id(), c.source(), AppointmentStatus.BOOKED,
                c.start().toInstant(), c.start().getZone(), c.siteCode(), c.smsConsent(),
                phoneEncrypted, phone.hash(), phone.status(),
                phone.reason(), existing.map(StoredAppointment::version).orElse(0L) + 1,
                existing.map(StoredAppointment::createdAt).orElse(now), now);
    }

    private void applyToStored(StoredAppointment existing, StoredAppointment next, Instant now) {
        appointments.update(next, next.start().plus(privacy.purgeAfter()));
        boolean startChanged = !existing.start().equals(next.start()) || existing.status() != AppointmentStatus.BOOKED;
        planner.plan(next, startChanged, now, false);
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

package org.passerelle.scheduling;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.passerelle.privacy.PhoneProtection;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The door through which the sms feature takes due reminders and reports what became of them.
 * Claims are per replica ({@code node}) and leased, so a reminder is sent by one replica only.
 */
@Service
public class ReminderQueue {

    private final ReminderStore reminders;
    private final AppointmentStore appointments;
    private final ReminderPolicy policy;
    private final PhoneProtection protection;
    private final TransactionTemplate tx;
    private final Clock clock;

    public ReminderQueue(ReminderStore reminders, AppointmentStore appointments, ReminderPolicy policy,
                         PhoneProtection protection, TransactionTemplate tx, Clock clock) {
        this.reminders = reminders;
        this.appointments = appointments;
        this.policy = policy;
        this.protection = protection;
        this.tx = tx;
        this.clock = clock;
    }

    /** True when the sending window is open now. */
    public boolean windowOpen() {
        return policy.windowOpen(clock.instant());
    }

    /**
     * Claims up to {@code limit} due reminders for this replica, leased for {@code lease}, in one transaction
     * (one locking select, one batched update), then reads them with their appointments (two queries).
     */
    public List<ReminderToSend> claimDue(String node, int limit, Duration lease) {
        Instant now = clock.instant();
        List<Long> claimed = tx.execute(s -> {
            List<Long> due = reminders.dueIds(now, limit);
            return due.isEmpty() ? List.<Long>of() : reminders.claimAll(due, node, now.plus(lease), now);
        });
        Map<Long, StoredReminder> byId = new HashMap<>();
        reminders.findAll(claimed).forEach(r -> byId.put(r.id(), r));
        Map<String, StoredAppointment> appointmentsById = new HashMap<>();
        appointments.findAll(byId.values().stream().map(StoredReminder::appointmentId).distinct().toList())
                .forEach(a -> appointmentsById.put(a.id(), a));
        List<ReminderToSend> out = new ArrayList<>(claimed.size());
        List<Long> cancelled = new ArrayList<>();
        for (long id : claimed) {
            StoredReminder r = byId.get(id);
            StoredAppointment a = appointmentsById.get(r.appointmentId());
            if (a == null) {
                throw new IllegalStateException("reminder " + id + " without its appointment");
            }
            if (a.status() != AppointmentStatus.BOOKED || a.phoneEncrypted() == null
                    || a.phoneStatus() != PhonePolicy.PhoneStatus.OK || !a.smsConsent()) {
                cancelled.add(id);
            } else {
                out.add(new ReminderToSend(id, a.id(), r.seq(), r.attempts(), protection.decrypt(a.phoneEncrypted()),
                        a.localStart(), a.siteCode()));
            }
        }
        if (!cancelled.isEmpty()) {
            tx.executeWithoutResult(s -> cancelled.forEach(id -> reminders.markFinal(id, node,
                    ReminderStatus.CANCELLED, "appointment changed before sending", clock.instant())));
        }
        return out;
    }

    /**
     * Records what became of these claimed reminders, in one transaction of JDBC batches.
     *
     * @return the ids of submits whose claim this replica had lost meanwhile (taken back as stale): the SMSC may
     *         have that reminder twice
     */
    public List<Long> record(String node, List<SendOutcome> outcomes) {
        if (outcomes.isEmpty()) {
            return List.of();
        }
        Instant now = clock.instant();
        List<SendOutcome.Submitted> submitted = new ArrayList<>();
        List<SendOutcome> released = new ArrayList<>();
        List<SendOutcome.Failed> failed = new ArrayList<>();
        for (SendOutcome o : outcomes) {
            if (o instanceof SendOutcome.Submitted d) {
                submitted.add(d);
            } else if (o instanceof SendOutcome.Failed f) {
                failed.add(f);
            } else {
                released.add(o);
            }
        }
        return tx.execute(s -> {
            List<Long> lost = new ArrayList<>();
            if (!submitted.isEmpty()) {
                List<Long> marked = reminders.markAllSubmitted(submitted, node, now);
                submitted.stream().map(SendOutcome::reminderId).filter(id -> !marked.contains(id)).forEach(lost::add);
            }
            if (!released.isEmpty()) {
                reminders.releaseAll(released, node, now);
            }
            if (!failed.isEmpty()) {
                reminders.markAllFailed(failed, node, now);
            }
            return lost;
        });
    }

    /**
     * A delivery receipt for one part. The reminder is DELIVERED once every part is; any other final part
     * status becomes the reminder's. Returns false for an unknown message id.
     */
    public boolean receipt(String messageId, ReminderStatus partStatus) {
        return receipts(List.of(new Receipt(messageId, partStatus))).get(0);
    }

    /** {@link #receipt} for several receipts in one transaction, in order; one answer per receipt. */
    public List<Boolean> receipts(List<Receipt> receipts) {
        Instant now = clock.instant();
        return tx.execute(s -> {
            List<Boolean> matched = new ArrayList<>(receipts.size());
            for (Receipt r : receipts) {
                matched.add(apply(r.messageId(), r.partStatus(), now));
            }
            return matched;
        });
    }

    private boolean apply(String messageId, ReminderStatus partStatus, Instant now) {
        Optional<Long> reminderId = reminders.applyReceipt(messageId, partStatus, now);
        if (reminderId.isEmpty()) {
            return false;
        }
        if (partStatus != ReminderStatus.DELIVERED) {
            reminders.setReceiptOutcome(reminderId.get(), partStatus, now);
        } else if (reminders.partStatuses(reminderId.get()).stream().allMatch(ReminderStatus.DELIVERED.name()::equals)) {
            reminders.setReceiptOutcome(reminderId.get(), ReminderStatus.DELIVERED, now);
        }
        return true;
    }

    /** A delivery receipt: the SMSC's message id of one part and its final status. */
    public record Receipt(String messageId, ReminderStatus partStatus) {
    }

    /**
     * The patient replied STOP: no future reminder for this number, found by its keyed hash under every key still
     * configured (appointments stored before a hash key rotation included). Returns the reminders cancelled.
     */
    public int optOut(String e164) {
        List<String> phoneHashes = protection.hashes(e164);
        Instant now = clock.instant();
        return tx.execute(s -> {
            int cancelled = 0;
            for (String appointmentId : appointments.bookedWithPhoneHash(phoneHashes)) {
                cancelled += reminders.cancelPending(appointmentId, "patient replied STOP", now);
            }
            appointments.markOptedOut(phoneHashes, now);
            return cancelled;
        });
    }

    /** Housekeeping: expire overdue reminders, free claims of dead replicas, purge old personal data. */
    public Housekeeping housekeep() {
        Instant now = clock.instant();
        return tx.execute(s -> new Housekeeping(reminders.expireOverdue(now), reminders.recoverStaleClaims(now),
                appointments.purgePersonalData(now)));
    }

    public long count(ReminderStatus status) {
        return reminders.countByStatus(status);
    }

    public record Housekeeping(int expired, int recoveredClaims, int purged) {
    }
}

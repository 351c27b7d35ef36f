package org.passerelle.scheduling;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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

    /** Claims up to {@code limit} due reminders for this replica, leased for {@code lease}. */
    public List<ReminderToSend> claimDue(String node, int limit, Duration lease) {
        Instant now = clock.instant();
        List<Long> claimed = tx.execute(s -> {
            List<Long> won = new ArrayList<>();
            for (long id : reminders.dueIds(now, limit)) {
                if (reminders.claim(id, node, now.plus(lease), now)) {
                    won.add(id);
                }
            }
            return won;
        });
        List<ReminderToSend> out = new ArrayList<>(claimed.size());
        for (long id : claimed) {
            toSend(id, node).ifPresent(out::add);
        }
        return out;
    }

    private Optional<ReminderToSend> toSend(long id, String node) {
        StoredReminder r = reminders.find(id).orElseThrow();
        StoredAppointment a = appointments.find(r.appointmentId()).orElseThrow();
        if (a.status() != AppointmentStatus.BOOKED || a.phoneEncrypted() == null
                || a.phoneStatus() != PhonePolicy.PhoneStatus.OK || !a.smsConsent()) {
            tx.executeWithoutResult(s -> reminders.markFinal(id, node, ReminderStatus.CANCELLED,
                    "appointment changed before sending", clock.instant()));
            return Optional.empty();
        }
        return Optional.of(new ReminderToSend(id, a.id(), r.seq(), r.attempts(), protection.decrypt(a.phoneEncrypted()),
                a.localStart(), a.siteCode()));
    }

    public boolean submitted(long reminderId, String node, String encoding, List<String> messageIds) {
        Instant now = clock.instant();
        return Boolean.TRUE.equals(tx.execute(s -> {
            if (!reminders.markSubmitted(reminderId, node, encoding, messageIds.size(), now)) {
                return false;
            }
            for (int i = 0; i < messageIds.size(); i++) {
                reminders.insertPart(reminderId, i + 1, messageIds.get(i), now);
            }
            return true;
        }));
    }

    /** Nothing left our side (gate closed, breaker open, outside the window): try again later, no attempt counted. */
    public void hold(long reminderId, String node, String why) {
        tx.executeWithoutResult(s -> reminders.release(reminderId, node, clock.instant(), why, false, false, clock.instant()));
    }

    /**
     * A transient failure: retry at {@code next} (housekeeping expires it if that is too late).
     * {@code ambiguous}: the submit may have reached the SMSC (no response): a retry may duplicate it.
     */
    public void retryLater(long reminderId, String node, Instant next, String error, boolean ambiguous) {
        tx.executeWithoutResult(s -> reminders.release(reminderId, node, next, error, true, ambiguous, clock.instant()));
    }

    public void failed(long reminderId, String node, String error) {
        tx.executeWithoutResult(s -> reminders.markFinal(reminderId, node, ReminderStatus.FAILED, error, clock.instant()));
    }

    /**
     * A delivery receipt for one part. The reminder is DELIVERED once every part is; any other final part
     * status becomes the reminder's. Returns false for an unknown message id.
     */
    public boolean receipt(String messageId, ReminderStatus partStatus) {
        Instant now = clock.instant();
        return Boolean.TRUE.equals(tx.execute(s -> {
            Optional<Long> reminderId = reminders.applyReceipt(messageId, partStatus, now);
            if (reminderId.isEmpty()) {
                return false;
            }
            List<String> parts = reminders.partStatuses(reminderId.get());
            if (partStatus != ReminderStatus.DELIVERED) {
                reminders.setReceiptOutcome(reminderId.get(), partStatus, now);
            } else if (parts.stream().allMatch(ReminderStatus.DELIVERED.name()::equals)) {
                reminders.setReceiptOutcome(reminderId.get(), ReminderStatus.DELIVERED, now);
            }
            return true;
        }));
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

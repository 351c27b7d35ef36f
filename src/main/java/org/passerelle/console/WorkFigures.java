package org.passerelle.console;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import org.passerelle.channel.ChannelId;
import org.passerelle.channel.IncidentStep;
import org.passerelle.channel.IncidentWork;
import org.passerelle.payment.PaymentFigures;
import org.passerelle.scheduling.ReminderFigures;
import org.springframework.stereotype.Component;

/** The live counts behind the cards and the confirmations, read from the features that own the work. */
@Component
class WorkFigures {

    static final Duration RATE_WINDOW = Duration.ofHours(1);

    private final ReminderFigures reminders;
    private final PaymentFigures payments;
    private final Clock clock;

    WorkFigures(ReminderFigures reminders, PaymentFigures payments, Clock clock) {
        this.reminders = reminders;
        this.payments = payments;
        this.clock = clock;
    }

    /** What waits now, and the last hour's delivery (sms) and approval (payments) figures. */
    record Now(long remindersWaiting, long remindersExpiring, long paymentsPending, long paymentsInDoubt,
               long delivered, long undelivered, long approved, long notApproved) {

        /** Percentage of 0–100, or null when nothing was decided in the window. */
        static Integer rate(long good, long bad) {
            return good + bad == 0 ? null : (int) Math.round(100.0 * good / (good + bad));
        }

        Integer deliveryRate() {
            return rate(delivered, undelivered);
        }

        Integer approvalRate() {
            return rate(approved, notApproved);
        }
    }

    Now now() {
        OffsetDateTime now = OffsetDateTime.now(clock);
        OffsetDateTime since = now.minus(RATE_WINDOW);
        return new Now(reminders.waiting(), reminders.expiringBefore(now), payments.pending(), payments.inDoubt(),
                reminders.deliveredBetween(since, now), reminders.undeliveredBetween(since, now),
                payments.approvedBetween(since, now), payments.notApprovedBetween(since, now));
    }

    /** The counts of one channel at one incident step; a channel only counts the work it holds. */
    IncidentWork at(IncidentStep step, ChannelId channel) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        boolean sms = channel == ChannelId.SMS;
        boolean pay = channel == ChannelId.PAYMENTS;
        return new IncidentWork(channel.id(), step.kind(), step.at(),
                sms ? reminders.waiting() : 0, sms ? reminders.expiringBefore(now) : 0,
                pay ? payments.pending() : 0, pay ? payments.inDoubt() : 0);
    }

    ReminderFigures reminders() {
        return reminders;
    }

    PaymentFigures payments() {
        return payments;
    }
}

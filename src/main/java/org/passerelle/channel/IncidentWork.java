package org.passerelle.channel;

import java.time.OffsetDateTime;

/** Counts of what waited on one channel at one step of an incident (never any patient data). */
public record IncidentWork(String channel, IncidentStep.Kind step, OffsetDateTime takenAt, long remindersWaiting,
                           long remindersExpiring, long paymentsPending, long paymentsInDoubt) {
}

package org.passerelle.scheduling;

/** Life of one reminder. PENDING and SENDING are live; every other state is final. */
public enum ReminderStatus {
    /** Waiting for its moment (or for the sms channel to reopen). */
    PENDING,
    /** Claimed by one replica, being submitted to the SMSC. */
    SENDING,
    /** Accepted by the SMSC (message id known); waiting for the receipt. */
    SUBMITTED,
    DELIVERED,
    /** The SMSC gave up (validity period over). */
    EXPIRED_AT_SMSC,
    UNDELIVERABLE,
    REJECTED,
    /** Its last allowed moment passed before it could leave: never sent late. */
    EXPIRED,
    /** A permanent SMPP error; see the error column. */
    FAILED,
    /** Appointment cancelled, rescheduled too late, consent withdrawn or number opted out. */
    CANCELLED;

    public boolean isFinal() {
        return this != PENDING && this != SENDING && this != SUBMITTED;
    }
}

package org.passerelle.payment;

import org.springframework.stereotype.Component;

/**
 * Wakes long-polling readers when a payment changed on this replica. A reader re-reads the database on
 * every wake-up and at least every {@link #MAX_SLEEP_MILLIS}, so changes made by another replica are
 * seen too, only a little later.
 */
@Component
class PaymentSignals {

    static final long MAX_SLEEP_MILLIS = 500;

    private long version;

    public synchronized long version() {
        return version;
    }

    public synchronized void signal() {
        version++;
        notifyAll();
    }

    /** Returns when something changed since {@code seen}, or after {@code millis} (capped). */
    public synchronized void awaitChange(long seen, long millis) throws InterruptedException {
        if (version == seen && millis > 0) {
            wait(Math.min(millis, MAX_SLEEP_MILLIS));
        }
    }
}

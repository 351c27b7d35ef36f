package org.passerelle.payment;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Tells waiting readers that a payment changed on this replica, once the change is committed: the long polls of
 * {@link PaymentLongPolls} watch one payment each and are told at once. Changes made by another replica are not
 * signalled here; the long polls find them by re-reading the database every {@link #RECHECK_MILLIS}.
 */
@Component
class PaymentSignals {

    private static final Logger log = LoggerFactory.getLogger(PaymentSignals.class);

    /** How often waiting long polls re-read their payments, for changes committed by another replica. */
    static final long RECHECK_MILLIS = 500;

    private final ConcurrentHashMap<String, Set<Runnable>> watchers = new ConcurrentHashMap<>();

    /** A payment's state, refunds or events changed and the change is committed. */
    public void signal(String paymentId) {
        Set<Runnable> watching = watchers.get(paymentId);
        if (watching == null) {
            return;
        }
        for (Runnable watcher : watching) {
            try {
                watcher.run();
            } catch (RuntimeException e) { // the watcher's re-check or timeout answers it later
                log.warn("Payment {}: a waiting reader could not be answered at once ({})", paymentId,
                        e.getClass().getSimpleName());
            }
        }
    }

    /** Runs {@code onChange} on the signalling thread after each change of the payment, until closed. */
    AutoCloseable watch(String paymentId, Runnable onChange) {
        watchers.computeIfAbsent(paymentId, id -> ConcurrentHashMap.newKeySet()).add(onChange);
        return () -> watchers.computeIfPresent(paymentId, (id, set) -> {
            set.remove(onChange);
            return set.isEmpty() ? null : set;
        });
    }

    /** Payments someone is waiting for on this replica. */
    Set<String> watched() {
        return Set.copyOf(watchers.keySet());
    }
}

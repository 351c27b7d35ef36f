package org.passerelle.sms;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Graceful shutdown of sending. When the application closes (before Camel stops: Camel is stopped as a
 * Spring lifecycle bean, after this event), no new batch is claimed and no new submit starts; submits
 * already at the SMSC finish; the reminders of the batches under way (the next overlaps the end of the last) not yet
 * submitted are released at once (due again now, attempt undone) instead of waiting for their lease; this
 * listener returns once every batch is recorded.
 */
@Component
class SendingStop {

    private static final Logger log = LoggerFactory.getLogger(SendingStop.class);

    private final Duration drainTimeout;
    private final AtomicInteger batchesRunning = new AtomicInteger();
    private volatile boolean stopping;

    SendingStop(SmsProperties properties) {
        // a submit already sent waits at most one transaction timeout for its response; recording follows
        this.drainTimeout = properties.smsc().transactionTimeout().plusSeconds(5);
    }

    boolean stopping() {
        return stopping;
    }

    /** Throws {@link Stopped} once shutdown began: the reminder at hand is released, not submitted. */
    void checkRunning() {
        if (stopping) {
            throw new Stopped();
        }
    }

    void batchStarted() {
        batchesRunning.incrementAndGet();
    }

    void batchEnded() {
        batchesRunning.decrementAndGet();
    }

    @Order(Ordered.HIGHEST_PRECEDENCE)
    @EventListener(ContextClosedEvent.class)
    void closing() {
        stopping = true;
        long deadline = System.nanoTime() + drainTimeout.toNanos();
        while (batchesRunning.get() > 0 && System.nanoTime() < deadline) {
            LockSupport.parkNanos(5_000_000);
        }
        if (batchesRunning.get() > 0) {
            log.warn("Shutdown: a reminder batch was still being sent after {}; its unrecorded claims come back after their lease",
                    drainTimeout);
        }
    }

    /** The reminder was not submitted because this replica is shutting down. */
    static final class Stopped extends RuntimeException {
        Stopped() {
            super("released at shutdown", null, false, false);
        }
    }
}

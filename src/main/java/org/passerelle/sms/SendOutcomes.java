package org.passerelle.sms;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;
import org.passerelle.scheduling.ReminderQueue;
import org.passerelle.scheduling.SendOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Group commit of what became of each reminder. The sending threads of the window add outcomes; whichever
 * finds the writer free writes everything queued in one transaction (JDBC batches) while the others go on
 * submitting. Under load a transaction holds many outcomes; at a trickle each is written at once. The end of
 * a batch ({@link #flush()}) waits until every outcome of it is written.
 *
 * <p>If a write fails (database away), each outcome is tried alone once more; one that still fails is left:
 * its claim comes back after the lease, counted as ambiguous, as after a crash.
 */
@Component
class SendOutcomes {

    private static final Logger log = LoggerFactory.getLogger(SendOutcomes.class);
    private static final int MAX_PER_TRANSACTION = 500;

    private final ReminderQueue queue;
    private final SmsNode node;
    private final SmsMetrics metrics;
    private final ConcurrentLinkedQueue<SendOutcome> waiting = new ConcurrentLinkedQueue<>();
    private final ReentrantLock writer = new ReentrantLock();

    SendOutcomes(ReminderQueue queue, SmsNode node, SmsMetrics metrics) {
        this.queue = queue;
        this.node = node;
        this.metrics = metrics;
    }

    /** Queues the outcome and writes the queue unless another thread is writing it. */
    void add(SendOutcome outcome) {
        waiting.add(outcome);
        // re-check after unlocking: an outcome added while the writer was finishing would otherwise wait
        while (!waiting.isEmpty() && writer.tryLock()) {
            try {
                drain();
            } finally {
                writer.unlock();
            }
        }
    }

    /** Writes everything queued so far, waiting for a write in progress; returns when all of it is written. */
    void flush() {
        writer.lock();
        try {
            drain();
        } finally {
            writer.unlock();
        }
    }

    private void drain() {
        List<SendOutcome> chunk = new ArrayList<>();
        SendOutcome next;
        while (true) {
            chunk.clear();
            while (chunk.size() < MAX_PER_TRANSACTION && (next = waiting.poll()) != null) {
                chunk.add(next);
            }
            if (chunk.isEmpty()) {
                return;
            }
            write(chunk);
        }
    }

    private void write(List<SendOutcome> chunk) {
        try {
            lost(queue.record(node.id(), chunk));
        } catch (RuntimeException batchFailed) {
            for (SendOutcome one : chunk) {
                try {
                    lost(queue.record(node.id(), List.of(one)));
                } catch (RuntimeException failed) {
                    log.error("Outcome of reminder {} not recorded ({}); its claim comes back after the lease",
                            one.reminderId(), failed.getClass().getSimpleName());
                }
            }
        }
    }

    private void lost(List<Long> reminderIds) {
        for (long id : reminderIds) {
            log.warn("Reminder {} was submitted but its claim had been taken back; the SMSC has it twice at most", id);
            metrics.ambiguous();
        }
    }
}

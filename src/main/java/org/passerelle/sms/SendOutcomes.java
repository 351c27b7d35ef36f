package org.passerelle.sms;

import jakarta.annotation.PreDestroy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.passerelle.scheduling.ReminderQueue;
import org.passerelle.scheduling.SendOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Group commit of what became of each reminder, on a writer thread of its own ({@code sms-outcomes}): the
 * submit window's threads queue an outcome and go back to submitting at once, so a database write never takes
 * a place in the window. The writer writes everything queued in one transaction (JDBC batches); under load a
 * transaction holds many outcomes, at a trickle each is written at once. The end of a batch
 * ({@link #afterWritten(Runnable)}) runs once every outcome queued before it is written.
 *
 * <p>If a write fails (database away), each outcome is tried alone once more; one that still fails is left:
 * its claim comes back after the lease, counted as ambiguous, as after a crash.
 */
@Component
class SendOutcomes {

    private static final Logger log = LoggerFactory.getLogger(SendOutcomes.class);
    private static final int MAX_PER_TRANSACTION = 500;
    private static final Object CLOSE = new Object();

    private final ReminderQueue queue;
    private final SmsNode node;
    private final SmsMetrics metrics;
    /** Outcomes and batch ends ({@link Runnable}), in the order they were queued. */
    private final LinkedBlockingQueue<Object> waiting = new LinkedBlockingQueue<>();
    private final Thread writer;

    SendOutcomes(ReminderQueue queue, SmsNode node, SmsMetrics metrics) {
        this.queue = queue;
        this.node = node;
        this.metrics = metrics;
        this.writer = new Thread(this::writeUntilClosed, "sms-outcomes");
        writer.setDaemon(true);
        writer.start();
    }

    /** Queues the outcome for the writer; returns at once. */
    void add(SendOutcome outcome) {
        waiting.add(outcome);
    }

    /** Runs {@code then} on the writer thread once everything queued before this call is written (or given up). */
    void afterWritten(Runnable then) {
        waiting.add(then);
    }

    /** Bean destruction (after Camel and the sending stop): writes what is left, then ends the writer. */
    @PreDestroy
    void close() throws InterruptedException {
        waiting.add(CLOSE);
        writer.join(TimeUnit.SECONDS.toMillis(10));
    }

    private void writeUntilClosed() {
        List<SendOutcome> chunk = new ArrayList<>();
        List<Runnable> ends = new ArrayList<>();
        while (true) {
            try {
                Object next = waiting.take();
                boolean close = false;
                // a chunk stops at a batch end, so that it runs as soon as what came before it is written
                while (next != null) {
                    if (next == CLOSE) {
                        close = true;
                        break;
                    }
                    take(next, chunk, ends);
                    next = ends.isEmpty() && chunk.size() < MAX_PER_TRANSACTION ? waiting.poll() : null;
                }
                if (!chunk.isEmpty()) {
                    write(chunk);
                }
                if (close) {
                    return;
                }
            } catch (InterruptedException e) {
                log.error("Outcome writer interrupted; outcomes still queued come back after their lease");
                return;
            } catch (RuntimeException | Error e) {
                log.error("Outcome writer failed ({}); those claims come back after the lease", e.getClass().getSimpleName());
            } finally {
                ends.forEach(SendOutcomes::runQuietly); // a batch ends even if its outcomes could not be written
                chunk.clear();
                ends.clear();
            }
        }
    }

    private static void take(Object item, List<SendOutcome> chunk, List<Runnable> ends) {
        if (item instanceof SendOutcome o) {
            chunk.add(o);
        } else {
            ends.add((Runnable) item);
        }
    }

    private static void runQuietly(Runnable end) {
        try {
            end.run();
        } catch (RuntimeException e) {
            log.error("End of a reminder batch failed: {}", e.getClass().getSimpleName());
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

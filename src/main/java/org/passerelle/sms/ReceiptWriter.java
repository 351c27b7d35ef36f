package org.passerelle.sms;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import org.passerelle.scheduling.ReminderQueue;
import org.passerelle.scheduling.ReminderStatus;
import org.springframework.stereotype.Component;

/**
 * Group commit of delivery receipts. Each receiving thread (jSMPP's PDU processors) queues its receipt and
 * waits until it is committed, since the deliver_sm_resp, sent when the thread returns, tells the SMSC it may
 * forget the receipt. Whichever waiting thread finds the writer free commits everything queued in one
 * transaction, so receipts arriving together share one commit.
 */
@Component
class ReceiptWriter {

    private static final int MAX_PER_TRANSACTION = 200;

    private final ReminderQueue queue;
    private final ConcurrentLinkedQueue<Pending> waiting = new ConcurrentLinkedQueue<>();
    private final ReentrantLock writer = new ReentrantLock();

    ReceiptWriter(ReminderQueue queue) {
        this.queue = queue;
    }

    /** True once the receipt is committed; false for a message id we do not know. */
    boolean apply(String messageId, ReminderStatus status) {
        Pending mine = new Pending(new ReminderQueue.Receipt(messageId, status), new CompletableFuture<>());
        waiting.add(mine);
        while (true) {
            if (writer.tryLock()) {
                try {
                    writeQueued();
                } finally {
                    writer.unlock();
                }
            }
            try {
                return mine.done().get(1, TimeUnit.MILLISECONDS);
            } catch (TimeoutException notYet) {
                // another thread holds the writer: it may have drained before our receipt was queued; try again
            } catch (ExecutionException failed) {
                throw failed.getCause() instanceof RuntimeException r ? r : new IllegalStateException(failed.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while a receipt was being recorded", e);
            }
        }
    }

    private void writeQueued() {
        List<Pending> chunk = new ArrayList<>();
        Pending next;
        while (chunk.size() < MAX_PER_TRANSACTION && (next = waiting.poll()) != null) {
            chunk.add(next);
        }
        if (chunk.isEmpty()) {
            return;
        }
        try {
            List<Boolean> matched = queue.receipts(chunk.stream().map(Pending::receipt).toList());
            for (int i = 0; i < chunk.size(); i++) {
                chunk.get(i).done().complete(matched.get(i));
            }
        } catch (RuntimeException e) {
            chunk.forEach(p -> p.done().completeExceptionally(e));
        }
    }

    private record Pending(ReminderQueue.Receipt receipt, CompletableFuture<Boolean> done) {
    }
}

package org.passerelle.payment;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.passerelle.channel.BreakerOpenException;
import org.passerelle.channel.ChannelClosedException;
import org.passerelle.payment.nexo.ServiceIds;
import org.passerelle.payment.nexo.TerminalAnswer;
import org.passerelle.payment.nexo.TerminalBackendException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Drives accepted payments in the background: RECEIVED → IN_PROGRESS is committed before the
 * PaymentRequest leaves, then the answer (or its absence) is settled. A payment is sent at most once:
 * if this replica stops mid-call, the recovery task armed when it was sent takes over.
 */
@Component
class PaymentWorker implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(PaymentWorker.class);

    private final PaymentJournal journal;
    private final RecoveryTasks tasks;
    private final TerminalBackend backend;
    private final PaymentSettlement settlement;
    private final PaymentProperties properties;
    private final TransactionTemplate tx;
    private final PaymentSignals signals;
    private final Clock clock;
    private volatile ThreadPoolExecutor executor;

    PaymentWorker(PaymentJournal journal, RecoveryTasks tasks, TerminalBackend backend, PaymentSettlement settlement,
                  PaymentProperties properties, TransactionTemplate tx, PaymentSignals signals, Clock clock) {
        this.journal = journal;
        this.tasks = tasks;
        this.backend = backend;
        this.settlement = settlement;
        this.properties = properties;
        this.tx = tx;
        this.signals = signals;
        this.clock = clock;
    }

    /** Queues the payment; if it cannot be queued, recovery fails it after the received grace (nothing sent). */
    void submit(String paymentId) {
        ThreadPoolExecutor running = executor;
        try {
            if (running == null) {
                throw new RejectedExecutionException("payment worker stopped");
            }
            running.execute(() -> drive(paymentId));
        } catch (RejectedExecutionException e) {
            log.warn("Payment {} could not be queued ({}); it will be failed unsent after the grace period",
                    paymentId, e.getMessage());
        }
    }

    void drive(String paymentId) {
        Payment p = journal.find(paymentId).orElse(null);
        if (p == null || p.state() != PaymentState.RECEIVED) {
            return;
        }
        String serviceId = ServiceIds.next();
        Instant sentAt = clock.instant();
        PaymentProperties.Recovery recovery = properties.getRecovery();
        Boolean marked = tx.execute(s -> {
            if (!journal.markSent(p.id(), serviceId, sentAt)) {
                return false; // cancelled or failed by recovery meanwhile: do not send
            }
            tasks.rearm(p.id(), sentAt.plus(properties.getBackend().getReadTimeout()).plus(recovery.getInFlightMargin()),
                    sentAt.plus(recovery.getNotFoundAfter()));
            return true;
        });
        if (!Boolean.TRUE.equals(marked)) {
            return;
        }
        signals.signal();
        Payment sent = journal.find(p.id()).orElseThrow();
        try {
            TerminalAnswer answer = backend.pay(sent, serviceId);
            settlement.answered(sent, answer);
        } catch (ChannelClosedException e) {
            settlement.notSent(sent, PaymentState.IN_PROGRESS, "payments channel closed before the terminal was called");
        } catch (BreakerOpenException e) {
            settlement.notSent(sent, PaymentState.IN_PROGRESS, "payments breaker open; the terminal was not called");
        } catch (TerminalBackendException e) {
            if (e.nothingProcessed()) {
                settlement.notSent(sent, PaymentState.IN_PROGRESS, e.getMessage());
            } else {
                settlement.inDoubt(sent, e.getMessage());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // shutting down: the recovery task armed above takes over
        } catch (RuntimeException e) {
            log.error("Payment {}: unexpected error after sending; outcome unknown", p.id(), e);
            settlement.inDoubt(sent, "unexpected error after sending (" + e.getClass().getSimpleName() + ")");
        }
    }

    @Override
    public void start() {
        AtomicInteger n = new AtomicInteger();
        executor = new ThreadPoolExecutor(properties.getWorkers(), properties.getWorkers(), 60, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(10_000), r -> {
                    Thread t = new Thread(r, "payment-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        executor.allowCoreThreadTimeOut(true);
    }

    @Override
    public void stop() {
        ThreadPoolExecutor running = executor;
        executor = null;
        if (running != null) {
            running.shutdown(); // payments at the terminal may finish within the grace period
            try {
                if (!running.awaitTermination(properties.getShutdownGrace().toMillis(), TimeUnit.MILLISECONDS)) {
                    log.warn("{} payment(s) still at the terminal after the shutdown grace: recovery will resolve them",
                            running.getActiveCount());
                    running.shutdownNow();
                    running.awaitTermination(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                running.shutdownNow();
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return executor != null;
    }
}

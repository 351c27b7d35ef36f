package org.passerelle.payment;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.apache.camel.ProducerTemplate;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.core5.io.CloseMode;
import org.passerelle.channel.BreakerOpenException;
import org.passerelle.channel.ChannelClosedException;
import org.passerelle.payment.nexo.ServiceIds;
import org.passerelle.payment.nexo.TerminalAnswer;
import org.passerelle.payment.nexo.TerminalBackendException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Drives accepted payments in the background (route {@code payment-worker}): RECEIVED → IN_PROGRESS is
 * committed before the PaymentRequest leaves, then the answer (or its absence) is settled. A payment is sent
 * at most once: if this replica stops mid-call, the recovery task armed when it was sent takes over.
 *
 * <p>On shutdown no new payment is started; those already at the terminal get {@code shutdown-grace} to
 * finish, then their connections are closed and recovery resolves them by TransactionStatus.
 */
@Component
public class PaymentWorker {

    private static final Logger log = LoggerFactory.getLogger(PaymentWorker.class);

    private final PaymentJournal journal;
    private final RecoveryTasks tasks;
    private final TerminalBackend backend;
    private final PaymentSettlement settlement;
    private final PaymentProperties properties;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final ProducerTemplate routes;
    private final PoolingHttpClientConnectionManager connections;
    private final AtomicInteger atTerminal = new AtomicInteger();
    private volatile boolean stopping;

    PaymentWorker(PaymentJournal journal, RecoveryTasks tasks, TerminalBackend backend, PaymentSettlement settlement,
                  PaymentProperties properties, TransactionTemplate tx, Clock clock,
                  ProducerTemplate routes, PoolingHttpClientConnectionManager terminalBackendConnections) {
        this.journal = journal;
        this.tasks = tasks;
        this.backend = backend;
        this.settlement = settlement;
        this.properties = properties;
        this.tx = tx;
        this.clock = clock;
        this.routes = routes;
        this.connections = terminalBackendConnections;
    }

    /** False once shutdown began: new payments are refused rather than accepted and never sent. */
    boolean accepting() {
        return !stopping;
    }

    /**
     * Queues the payment just committed as RECEIVED, as it was inserted (it is not read back); if it cannot be
     * queued, recovery fails it after the received grace (nothing sent).
     */
    void submit(Payment accepted) {
        try {
            routes.sendBody("seda:payment-accepted", accepted);
        } catch (RuntimeException e) {
            log.warn("Payment {} could not be queued ({}); it will be failed unsent after the grace period",
                    accepted.id(), e.getClass().getSimpleName());
        }
    }

    public void drive(Payment accepted) {
        atTerminal.incrementAndGet(); // before reading stopping: the shutdown waits for every call that saw it false
        try {
            if (!stopping) {
                driveAtTerminal(accepted);
            }
        } finally {
            atTerminal.decrementAndGet();
        }
    }

    /**
     * {@code p} is the payment as accepted, not re-read: whether it is still RECEIVED (not cancelled or failed by
     * recovery meanwhile) is decided by markSent's conditional update, in the same transaction that arms recovery.
     */
    private void driveAtTerminal(Payment p) {
        String serviceId = ServiceIds.next();
        Instant sentAt = clock.instant();
        PaymentProperties.Recovery recovery = properties.recovery();
        Boolean marked = tx.execute(s -> {
            if (!journal.markSent(p.id(), serviceId, sentAt)) {
                return false; // cancelled or failed by recovery meanwhile: do not send
            }
            tasks.rearm(p.id(), sentAt.plus(properties.backend().readTimeout()).plus(recovery.inFlightMargin()),
                    sentAt.plus(recovery.notFoundAfter()));
            return true;
        });
        if (!Boolean.TRUE.equals(marked)) {
            return;
        }
        // no signal here: IN_PROGRESS is still pending, so it would answer no long poll (it cost each waiting one
        // a read, on this thread, before the PaymentRequest left)
        // what markSent just committed, without reading it back
        Payment sent = new Payment(p.id(), p.terminalId(), p.amountMinor(), p.currency(), p.reference(), p.cashierLabel(),
                p.createdBy(), p.idempotencyKey(), p.requestHash(), PaymentState.IN_PROGRESS, p.saleId(), serviceId, sentAt,
                p.poiTransactionId(), p.poiTransactionTime(), p.authCode(), p.cardScheme(), p.maskedPan(),
                p.errorCondition(), p.needsHuman(), p.humanReason(), p.createdAt(), sentAt);
        try {
            TerminalAnswer answer = backend.pay(sent, serviceId);
            settlement.answered(sent, answer);
        } catch (ChannelClosedException e) {
            settlement.notSent(sent, PaymentState.IN_PROGRESS, "payments channel closed before the terminal was called");
        } catch (BreakerOpenException e) {
            settlement.notSent(sent, PaymentState.IN_PROGRESS, "payments breaker open; the terminal was not called");
        } catch (TerminalBackendException e) {
            if (stopping && !e.nothingProcessed()) {
                return; // cut by the shutdown after the grace: the recovery task armed above takes over
            }
            if (e.nothingProcessed()) {
                settlement.notSent(sent, PaymentState.IN_PROGRESS, e.getMessage());
            } else {
                settlement.inDoubt(sent, e.getMessage());
            }
        } catch (RuntimeException e) {
            if (stopping) {
                return;
            }
            log.error("Payment {}: unexpected error after sending; outcome unknown", p.id(), e);
            settlement.inDoubt(sent, "unexpected error after sending (" + e.getClass().getSimpleName() + ")");
        }
    }

    /**
     * Runs when the application context closes, before Camel and the web server stop: payments at the terminal
     * may finish within the grace; after it their connections are closed so nothing waits on a card prompt.
     */
    @EventListener
    @Order(Ordered.HIGHEST_PRECEDENCE)
    void on(ContextClosedEvent closing) {
        if (stopping) {
            return;
        }
        stopping = true;
        long deadline = System.nanoTime() + properties.shutdownGrace().toNanos();
        while (atTerminal.get() > 0 && System.nanoTime() < deadline) {
            LockSupport.parkNanos(20_000_000);
        }
        int left = atTerminal.get();
        if (left > 0) {
            log.warn("{} payment(s) still at the terminal after the shutdown grace: recovery will resolve them", left);
        }
        connections.close(CloseMode.IMMEDIATE);
    }
}

package org.passerelle.payment;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.passerelle.channel.ChannelCalls;
import org.passerelle.channel.ChannelId;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Accepts a payment: checks it, refuses fast when payments cannot be taken (but answers a retry with the payment it
 * already made, even then), then journals it (with the terminal lock and a safety-net recovery task) in one
 * transaction before the worker may call the terminal. A retry while payments are taken is found by that insert
 * failing on the idempotency key, and answered with the payment it already made.
 */
@Service
class PaymentIntake {

    public record Accepted(Payment payment, boolean replayed) {
    }

    private final PaymentJournal journal;
    private final TerminalLocks locks;
    private final RecoveryTasks tasks;
    private final PaymentWorker worker;
    private final ChannelCalls calls;
    private final PaymentProperties properties;
    private final TransactionTemplate tx;
    private final Clock clock;

    PaymentIntake(PaymentJournal journal, TerminalLocks locks, RecoveryTasks tasks, PaymentWorker worker,
                  ChannelCalls calls, PaymentProperties properties, TransactionTemplate tx, Clock clock) {
        this.journal = journal;
        this.locks = locks;
        this.tasks = tasks;
        this.worker = worker;
        this.calls = calls;
        this.properties = properties;
        this.tx = tx;
        this.clock = clock;
    }

    public Accepted accept(NewPayment body, String user, String idempotencyKey) {
        String key = RequestHash.requireKey(idempotencyKey);
        String currency = body.currency() == null ? properties.defaultCurrency() : body.currency();
        check(body, currency);
        String hash = RequestHash.of(body.terminalId(), body.amountMinor(), currency, body.reference(), body.cashierLabel());

        if (!calls.acceptsNewWork(ChannelId.PAYMENTS) || !worker.accepting()) {
            // A retry must find its payment even while payments are refused: it may have been charged.
            return replay(user, key, hash).orElseThrow(() ->
                    PaymentProblems.Unavailable.forPayment(calls.isOpen(ChannelId.PAYMENTS)));
        }
        // No look-up first, neither for a retry nor for a busy terminal: the key's unique constraint and the lock's
        // primary key refuse the inserts below, the transaction is rolled back, and the catch tells which it was.

        Instant now = clock.instant();
        Payment payment = new Payment(UUID.randomUUID().toString(), body.terminalId(), body.amountMinor(), currency,
                body.reference(), body.cashierLabel(), user, key, hash, PaymentState.RECEIVED, properties.saleId(),
                null, null, null, null, null, null, null, null, false, null, now, now);
        PaymentProperties.Recovery recovery = properties.recovery();
        try {
            tx.executeWithoutResult(s -> {
                journal.insert(payment);
                locks.lock(payment.terminalId(), payment.id(), now);
                Instant grace = now.plus(recovery.receivedGrace());
                tasks.create(payment.id(), RecoveryTask.Kind.PAYMENT, payment.id(), grace,
                        grace.plus(recovery.notFoundAfter()), now.plus(recovery.humanAfter()), now);
            });
        } catch (DuplicateKeyException taken) {
            // a retry, or a concurrent request that won: either the same key (replay it) or the same terminal (busy)
            return replay(user, key, hash).orElseThrow(() ->
                    new PaymentProblems.TerminalBusy(body.terminalId(), locks.holder(body.terminalId()).orElse(null)));
        }
        worker.submit(payment);
        return new Accepted(payment, false);
    }

    private Optional<Accepted> replay(String user, String key, String hash) {
        return journal.findByKey(user, key).map(existing -> {
            if (!existing.requestHash().equals(hash)) {
                throw new PaymentProblems.KeyReused();
            }
            return new Accepted(existing, true);
        });
    }

    private void check(NewPayment body, String currency) {
        if (!properties.currencies().contains(currency)) {
            throw new PaymentProblems.Invalid("currency", "accepted currencies: " + String.join(", ", properties.currencies()));
        }
        if (body.amountMinor() > properties.maxAmountMinor()) {
            throw new PaymentProblems.Invalid("amountMinor", "at most " + properties.maxAmountMinor() + " minor units");
        }
    }
}

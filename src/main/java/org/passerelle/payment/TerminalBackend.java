package org.passerelle.payment;

import java.time.Instant;
import java.util.concurrent.Callable;
import org.passerelle.channel.ChannelCalls;
import org.passerelle.channel.ChannelId;
import org.passerelle.payment.nexo.MessageCategory;
import org.passerelle.payment.nexo.NexoClient;
import org.passerelle.payment.nexo.NexoMessages;
import org.passerelle.payment.nexo.NexoReplies;
import org.passerelle.payment.nexo.ServiceIds;
import org.passerelle.payment.nexo.StatusAnswer;
import org.passerelle.payment.nexo.TerminalAnswer;
import org.passerelle.payment.nexo.TerminalBackendException;
import org.springframework.stereotype.Component;

/**
 * Every call to the terminal backend, each through the payments gate and breaker. New work (payments,
 * refunds, probes) uses {@link ChannelCalls#call}; follow-ups of work already started (TransactionStatus,
 * Abort) use {@link ChannelCalls#recoveryCall}, allowed while suspended and refused while isolated.
 * Answers are read inside the breaker so an unreadable answer counts as backend trouble.
 *
 * <p>Throws ChannelClosedException / BreakerOpenException when nothing was sent.
 */
@Component
class TerminalBackend {

    private final ChannelCalls calls;
    private final NexoClient client;
    private final PaymentProperties properties;

    TerminalBackend(ChannelCalls calls, NexoClient client, PaymentProperties properties) {
        this.calls = calls;
        this.client = client;
        this.properties = properties;
    }

    TerminalAnswer pay(Payment p, String serviceId) throws TerminalBackendException, InterruptedException {
        NexoMessages.Outgoing message = NexoMessages.payment(p.saleId(), p.terminalId(), serviceId, p.id(), p.createdAt(),
                p.amountMinor(), p.currency());
        return unwrap(() -> calls.call(ChannelId.PAYMENTS, () -> NexoReplies.payment(
                client.exchange(message, properties.getBackend().getReadTimeout()), message, p.amountMinor(), p.currency())));
    }

    StatusAnswer paymentStatus(Payment p) throws TerminalBackendException, InterruptedException {
        return status(p.saleId(), p.terminalId(), MessageCategory.Payment, p.serviceId(), p.amountMinor(), p.currency());
    }

    StatusAnswer refundStatus(Payment p, Refund r) throws TerminalBackendException, InterruptedException {
        return status(r.saleId(), p.terminalId(), MessageCategory.Reversal, r.serviceId(), r.amountMinor(), p.currency());
    }

    private StatusAnswer status(String saleId, String terminalId, MessageCategory category, String originalServiceId,
                                long amountMinor, String currency) throws TerminalBackendException, InterruptedException {
        NexoMessages.Outgoing message = NexoMessages.transactionStatus(saleId, terminalId, ServiceIds.next(), category,
                originalServiceId);
        return unwrap(() -> calls.recoveryCall(ChannelId.PAYMENTS, () -> NexoReplies.transactionStatus(
                client.exchange(message, properties.getBackend().getStatusTimeout()), message, category, originalServiceId,
                amountMinor, currency)));
    }

    /** AbortRequest has no answer of its own: the payment's own response tells what happened. */
    void abort(Payment p) throws TerminalBackendException, InterruptedException {
        NexoMessages.Outgoing message = NexoMessages.abort(p.saleId(), p.terminalId(), ServiceIds.next(), p.serviceId());
        unwrap(() -> calls.recoveryCall(ChannelId.PAYMENTS,
                () -> client.exchange(message, properties.getBackend().getStatusTimeout())));
    }

    TerminalAnswer reverse(Payment p, Refund r, Instant at) throws TerminalBackendException, InterruptedException {
        NexoMessages.Outgoing message = NexoMessages.reversal(r.saleId(), p.terminalId(), r.serviceId(), r.id(), at,
                p.poiTransactionId(), p.poiTransactionTime(), r.amountMinor(), p.currency());
        return unwrap(() -> calls.call(ChannelId.PAYMENTS, () -> NexoReplies.reversal(
                client.exchange(message, properties.getBackend().getReversalTimeout()), message)));
    }

    boolean diagnose(String terminalId) throws TerminalBackendException, InterruptedException {
        NexoMessages.Outgoing message = NexoMessages.diagnosis(properties.getSaleId(), terminalId, ServiceIds.next());
        return unwrap(() -> calls.call(ChannelId.PAYMENTS, () -> NexoReplies.diagnosisOk(
                client.exchange(message, properties.getBackend().getStatusTimeout()), message)));
    }

    private static <T> T unwrap(Callable<T> call) throws TerminalBackendException, InterruptedException {
        try {
            return call.call();
        } catch (TerminalBackendException | InterruptedException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("unexpected checked exception from a terminal call", e);
        }
    }
}

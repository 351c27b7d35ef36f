package org.passerelle.payment;

import java.time.Instant;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.passerelle.channel.BreakerOpenException;
import org.passerelle.channel.ChannelCalls;
import org.passerelle.channel.ChannelClosedException;
import org.passerelle.channel.ChannelId;
import org.passerelle.payment.nexo.MessageCategory;
import org.passerelle.payment.nexo.NexoMessages;
import org.passerelle.payment.nexo.NexoReplies;
import org.passerelle.payment.nexo.NexoTransportFailures;
import org.passerelle.payment.nexo.ServiceIds;
import org.passerelle.payment.nexo.StatusAnswer;
import org.passerelle.payment.nexo.TerminalAnswer;
import org.passerelle.payment.nexo.TerminalBackendException;
import org.passerelle.payment.nexo.TerminalRequest;
import org.springframework.stereotype.Component;

/**
 * Every request to the terminal backend, each handed to its route in {@code routes/payments.yaml}
 * (through the {@code paymentsBreaker}, past the {@code gate:payments:}, to the backend over HTTP). New work
 * (payments, refunds, probes) passes the gate only while payments are ACTIVE; follow-ups of work already
 * started (TransactionStatus, Abort) also while SUSPENDED, never while ISOLATED: the routes say which.
 *
 * <p>Throws ChannelClosedException / BreakerOpenException when nothing was sent.
 */
@Component
class TerminalBackend {

    private final ProducerTemplate routes;
    private final PaymentProperties properties;

    TerminalBackend(ProducerTemplate routes, PaymentProperties properties) {
        this.routes = routes;
        this.properties = properties;
    }

    TerminalAnswer pay(Payment p, String serviceId) throws TerminalBackendException {
        NexoMessages.Outgoing message = NexoMessages.payment(p.saleId(), p.terminalId(), serviceId, p.id(), p.createdAt(),
                p.amountMinor(), p.currency());
        return call("direct:payment-request", new TerminalRequest<>(message,
                answer -> NexoReplies.payment(answer, message, p.amountMinor(), p.currency())),
                properties.backend().readTimeout().toMillis());
    }

    StatusAnswer paymentStatus(Payment p) throws TerminalBackendException {
        return status(p.saleId(), p.terminalId(), MessageCategory.Payment, p.serviceId(), p.amountMinor(), p.currency());
    }

    StatusAnswer refundStatus(Payment p, Refund r) throws TerminalBackendException {
        return status(r.saleId(), p.terminalId(), MessageCategory.Reversal, r.serviceId(), r.amountMinor(), p.currency());
    }

    private StatusAnswer status(String saleId, String terminalId, MessageCategory category, String originalServiceId,
                                long amountMinor, String currency) throws TerminalBackendException {
        NexoMessages.Outgoing message = NexoMessages.transactionStatus(saleId, terminalId, ServiceIds.next(), category,
                originalServiceId);
        return call("direct:payment-status", new TerminalRequest<>(message, answer -> NexoReplies.transactionStatus(
                answer, message, category, originalServiceId, amountMinor, currency)),
                properties.backend().statusTimeout().toMillis());
    }

    /** AbortRequest has no answer of its own: the payment's own response tells what happened. */
    void abort(Payment p) throws TerminalBackendException {
        NexoMessages.Outgoing message = NexoMessages.abort(p.saleId(), p.terminalId(), ServiceIds.next(), p.serviceId());
        call("direct:payment-abort", new TerminalRequest<>(message, answer -> Boolean.TRUE),
                properties.backend().statusTimeout().toMillis());
    }

    TerminalAnswer reverse(Payment p, Refund r, Instant at) throws TerminalBackendException {
        NexoMessages.Outgoing message = NexoMessages.reversal(r.saleId(), p.terminalId(), r.serviceId(), r.id(), at,
                p.poiTransactionId(), p.poiTransactionTime(), r.amountMinor(), p.currency());
        return call("direct:payment-reversal", new TerminalRequest<>(message, answer -> NexoReplies.reversal(answer, message)),
                properties.backend().reversalTimeout().toMillis());
    }

    boolean diagnose(String terminalId) throws TerminalBackendException {
        NexoMessages.Outgoing message = NexoMessages.diagnosis(properties.saleId(), terminalId, ServiceIds.next());
        return call("direct:payment-diagnosis", new TerminalRequest<>(message, answer -> NexoReplies.diagnosisOk(answer, message)),
                properties.backend().statusTimeout().toMillis());
    }

    @SuppressWarnings("unchecked")
    private <T> T call(String route, TerminalRequest<T> request, long timeoutMillis) throws TerminalBackendException {
        Exchange done = routes.request(route, exchange -> exchange.getMessage().setBody(request));
        Throwable error = done.getException();
        if (error == null) {
            return (T) done.getMessage().getBody();
        }
        throw translate(error, timeoutMillis);
    }

    /** Refusals before sending stay what they are; transport failures say whether anything may have happened. */
    private static RuntimeException translate(Throwable error, long timeoutMillis) throws TerminalBackendException {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ChannelClosedException closed) {
                throw closed;
            }
        }
        if (ChannelCalls.refusedBeforeSending(error)) {
            throw new BreakerOpenException(ChannelId.PAYMENTS);
        }
        TerminalBackendException backend = NexoTransportFailures.of(error, timeoutMillis);
        if (backend != null) {
            throw backend;
        }
        throw error instanceof RuntimeException r ? r : new IllegalStateException("terminal call failed", error);
    }
}

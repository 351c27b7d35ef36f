package org.passerelle.payment;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;

/** A payment as the cashier's desk application sees it. No card data beyond scheme, masked PAN and auth code. */
record PaymentView(
        String id,
        String terminalId,
        long amountMinor,
        String currency,
        String reference,
        String cashierLabel,
        PaymentState state,
        @Schema(description = "What to tell the cashier, in French") String message,
        Card card,
        @Schema(description = "The terminal's transaction reference (nexo POITransactionID)") String terminalTransactionId,
        @Schema(description = "nexo ErrorCondition of the last answer, if any") String errorCondition,
        long refundedMinor,
        long refundableMinor,
        boolean needsHuman,
        String humanReason,
        Instant createdAt,
        Instant updatedAt,
        List<RefundView> refunds,
        List<Event> history) {

    public record Card(String scheme, String maskedPan, String authCode) {
    }

    public record Event(PaymentState from, PaymentState to, Instant at, String detail) {
    }

    static PaymentView of(Payment p, List<Refund> refunds, List<PaymentEvent> events) {
        long refunded = refunds.stream().filter(r -> r.state() == RefundState.SUCCEEDED).mapToLong(Refund::amountMinor).sum();
        long held = refunds.stream().filter(r -> r.state().holdsAmount()).mapToLong(Refund::amountMinor).sum();
        Card card = p.cardScheme() == null && p.maskedPan() == null && p.authCode() == null ? null
                : new Card(p.cardScheme(), p.maskedPan(), p.authCode());
        return new PaymentView(p.id(), p.terminalId(), p.amountMinor(), p.currency(), p.reference(), p.cashierLabel(),
                p.state(), CashierMessages.of(p.state(), p.needsHuman()), card, p.poiTransactionId(), p.errorCondition(),
                refunded, p.state().isRefundable() ? p.amountMinor() - held : 0, p.needsHuman(), p.humanReason(),
                p.createdAt(), p.updatedAt(), refunds.stream().map(RefundView::of).toList(),
                events.stream().map(e -> new Event(e.from(), e.to(), e.at(), e.detail())).toList());
    }
}

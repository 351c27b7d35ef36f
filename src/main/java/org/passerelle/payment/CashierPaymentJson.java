package org.passerelle.payment;

import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;
import org.springframework.context.MessageSource;

/**
 * A payment as the cashier screen shows it: the state as a word, a tone that repeats it in colour, what to tell the
 * patient, what happens next, and which actions apply now. No card data: the card is the terminal's business.
 */
record CashierPaymentJson(
        String id,
        String terminalId,
        String amount,
        String reference,
        PaymentState state,
        String tone,
        String label,
        String message,
        String next,
        boolean pending,
        boolean inDoubt,
        boolean cancellable,
        boolean refundable,
        String refund) {

    static CashierPaymentJson of(PaymentView p, MessageSource texts, Locale locale) {
        boolean inDoubt = p.state() == PaymentState.UNKNOWN;
        String key = inDoubt && p.needsHuman() ? "UNKNOWN_HUMAN" : p.state().name();
        boolean cancellable = p.state() == PaymentState.RECEIVED || p.state() == PaymentState.IN_PROGRESS
                || inDoubt && !p.needsHuman();
        boolean refundable = p.state().isRefundable() && p.refundableMinor() > 0;
        String next = texts.getMessage("cashier.next." + key, null, "", locale);
        Optional<RefundView> lastRefund = p.refunds().stream().max(Comparator.comparing(RefundView::createdAt));
        String refund = lastRefund.map(r -> texts.getMessage("cashier.refund." + r.state().name(),
                new Object[] {CashierAmount.format(r.amountMinor(), locale)}, locale)).orElse(null);
        return new CashierPaymentJson(p.id(), p.terminalId(), CashierAmount.format(p.amountMinor(), locale), p.reference(),
                p.state(), tone(p.state()), texts.getMessage("cashier.state." + key, null, locale),
                texts.getMessage("cashier.message." + key, null, locale), next.isEmpty() ? null : next,
                p.state().isPending(), inDoubt, cancellable, refundable, refund);
    }

    private static String tone(PaymentState s) {
        return switch (s) {
            case APPROVED, PARTIALLY_REFUNDED, REFUNDED, REVERSED -> "ok";
            case RECEIVED, IN_PROGRESS, UNKNOWN -> "warn";
            case DECLINED, FAILED, CANCELLED -> "bad";
        };
    }
}

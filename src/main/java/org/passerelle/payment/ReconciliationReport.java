package org.passerelle.payment;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * One business day, for the end-of-day check against the terminal totals: per terminal and currency,
 * how many payments ended in each state and for how much; the refunds of the day; and every payment or
 * refund that needs a human, whatever its day.
 */
record ReconciliationReport(
        LocalDate date,
        String zone,
        Instant from,
        Instant to,
        List<TerminalTotals> terminals,
        List<RefundView> refunds,
        List<NeedsHuman> needsHuman) {

    /** {@code chargedMinor}: payments that took money; {@code refundedMinor}: refunds of the day that succeeded. */
    public record TerminalTotals(String terminalId, String currency, Map<PaymentState, StateTotal> byState,
                                 long chargedMinor, long refundedMinor, long netMinor) {
    }

    public record StateTotal(long count, long amountMinor) {
    }

    public record NeedsHuman(String kind, String id, String paymentId, String terminalId, long amountMinor,
                             String currency, String state, String reason, Instant createdAt) {
    }
}

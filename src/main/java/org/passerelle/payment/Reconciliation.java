package org.passerelle.payment;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

/** Builds the end-of-day report; the day is taken in {@code passerelle.payments.zone}. */
@Service
class Reconciliation {

    /** The days a report can be asked for: any a hospital may need, none that overflows a date or a database. */
    static final LocalDate FIRST_DAY = LocalDate.of(2000, 1, 1);
    static final LocalDate LAST_DAY = LocalDate.of(9999, 12, 31);

    private final ReconciliationQueries queries;
    private final PaymentProperties properties;

    Reconciliation(ReconciliationQueries queries, PaymentProperties properties) {
        this.queries = queries;
        this.properties = properties;
    }

    public ReconciliationReport of(LocalDate date) {
        Instant from = date.atStartOfDay(properties.zone()).toInstant();
        Instant to = date.plusDays(1).atStartOfDay(properties.zone()).toInstant();
        Map<String, Builder> terminals = new LinkedHashMap<>();
        for (ReconciliationQueries.StateRow row : queries.paymentsByState(from, to)) {
            Builder b = terminals.computeIfAbsent(row.terminalId() + "\u0000" + row.currency(),
                    k -> new Builder(row.terminalId(), row.currency()));
            b.byState.put(row.state(), new ReconciliationReport.StateTotal(row.count(), row.amountMinor()));
            if (row.state().isCharged()) {
                b.charged += row.amountMinor();
            }
        }
        List<RefundView> refundViews = new ArrayList<>();
        for (ReconciliationQueries.RefundRow row : queries.refunds(from, to)) {
            refundViews.add(RefundView.of(row.refund()));
            if (row.refund().state() == RefundState.SUCCEEDED) {
                terminals.computeIfAbsent(row.terminalId() + "\u0000" + row.currency(),
                        k -> new Builder(row.terminalId(), row.currency())).refunded += row.refund().amountMinor();
            }
        }
        return new ReconciliationReport(date, properties.zone().getId(), from, to,
                terminals.values().stream().map(Builder::build).toList(), refundViews, queries.needingHuman());
    }

    private static final class Builder {
        final String terminalId;
        final String currency;
        final Map<PaymentState, ReconciliationReport.StateTotal> byState = new EnumMap<>(PaymentState.class);
        long charged;
        long refunded;

        Builder(String terminalId, String currency) {
            this.terminalId = terminalId;
            this.currency = currency;
        }

        ReconciliationReport.TerminalTotals build() {
            return new ReconciliationReport.TerminalTotals(terminalId, currency, byState, charged, refunded, charged - refunded);
        }
    }
}

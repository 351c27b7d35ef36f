package org.passerelle.payment;

import java.time.Instant;

record RefundView(String id, String paymentId, long amountMinor, RefundState state, String message,
                         String terminalTransactionId, String errorCondition, boolean needsHuman,
                         Instant createdAt, Instant updatedAt) {

    static RefundView of(Refund r) {
        return new RefundView(r.id(), r.paymentId(), r.amountMinor(), r.state(), CashierMessages.of(r.state(), r.needsHuman()),
                r.poiTransactionId(), r.errorCondition(), r.needsHuman(), r.createdAt(), r.updatedAt());
    }
}

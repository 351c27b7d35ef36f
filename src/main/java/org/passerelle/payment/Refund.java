package org.passerelle.payment;

import java.time.Instant;

/** One row of the refund journal. */
record Refund(
        String id,
        String paymentId,
        long amountMinor,
        RefundState state,
        String createdBy,
        String idempotencyKey,
        String requestHash,
        String saleId,
        String serviceId,
        String poiTransactionId,
        String errorCondition,
        boolean needsHuman,
        Instant createdAt,
        Instant updatedAt) {
}

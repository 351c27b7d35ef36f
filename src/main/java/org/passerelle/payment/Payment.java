package org.passerelle.payment;

import java.time.Instant;

/** One row of the payment journal. */
record Payment(
        String id,
        String terminalId,
        long amountMinor,
        String currency,
        String reference,
        String cashierLabel,
        String createdBy,
        String idempotencyKey,
        String requestHash,
        PaymentState state,
        String saleId,
        String serviceId,
        Instant sentAt,
        String poiTransactionId,
        String poiTransactionTime,
        String authCode,
        String cardScheme,
        String maskedPan,
        String errorCondition,
        boolean needsHuman,
        String humanReason,
        Instant createdAt,
        Instant updatedAt) {

    /** Never print the reference or the card fields: logs and exceptions may show this. */
    @Override
    public String toString() {
        return "Payment[" + id + ", terminal " + terminalId + ", " + state + "]";
    }
}

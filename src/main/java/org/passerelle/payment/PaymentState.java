package org.passerelle.payment;

/** Where a card payment stands. See {@link PaymentStateMachine} for the legal moves. */
enum PaymentState {
    /** Journaled; the terminal has not been called yet. */
    RECEIVED,
    /** The PaymentRequest has left (or is about to leave) for the terminal backend. */
    IN_PROGRESS,
    APPROVED,
    DECLINED,
    /** Nothing was charged: the terminal was busy or unusable, the request never left, or the backend has no record of it. */
    FAILED,
    /** Cancelled by the customer, the cashier or an AbortRequest; nothing was charged. */
    CANCELLED,
    /** The outcome is in doubt; a TransactionStatus inquiry (or a human) will tell. Never "declined". */
    UNKNOWN,
    /** The whole amount was given back in one reversal. */
    REVERSED,
    /** The whole amount was given back over several partial refunds. */
    REFUNDED,
    PARTIALLY_REFUNDED;

    /** The terminal is still working on it, or we do not know yet: waiting callers keep waiting. */
    public boolean isPending() {
        return this == RECEIVED || this == IN_PROGRESS || this == UNKNOWN;
    }

    /** Money was taken from the card (some of it may have been given back since). */
    public boolean isCharged() {
        return this == APPROVED || this == PARTIALLY_REFUNDED || this == REFUNDED || this == REVERSED;
    }

    public boolean isRefundable() {
        return this == APPROVED || this == PARTIALLY_REFUNDED;
    }
}

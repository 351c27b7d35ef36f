package org.passerelle.payment;

/** A refund is sent as soon as it is journaled; UNKNOWN is resolved by TransactionStatus like a payment. */
enum RefundState {
    IN_PROGRESS, SUCCEEDED, FAILED, UNKNOWN;

    /** Counts against what is left to refund: anything that may give money back. */
    public boolean holdsAmount() {
        return this != FAILED;
    }
}

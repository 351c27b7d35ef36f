package org.passerelle.payment.nexo;

/** What a terminal answer means for the money, before the journal turns it into a state. */
public enum Verdict {
    /** Done: the money moved (payment approved, reversal accepted). */
    APPROVED,
    /** The card or the issuer said no; nothing moved. */
    DECLINED,
    /** The customer, the cashier or an AbortRequest stopped it; nothing moved. */
    CANCELLED,
    /** The terminal or the backend could not do it; nothing moved. */
    FAILED,
    /** No final answer yet (still in progress, host unreachable): ask TransactionStatus. */
    IN_DOUBT,
    /** An answer we cannot read with certainty (unknown value, partial approval, amount mismatch): a human decides. */
    UNCLEAR
}

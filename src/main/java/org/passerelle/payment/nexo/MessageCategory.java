package org.passerelle.payment.nexo;

/** nexo MessageCategory values Passerelle sends. */
public enum MessageCategory {
    Payment, TransactionStatus, Reversal, Abort, Diagnosis
}

package org.passerelle.testsupport.terminal;

/** What the fake terminal backend does with a PaymentRequest for a given terminal. */
public enum Behaviour {
    /** Success with card data, approval code and POI transaction id. */
    APPROVE,
    /** Failure / Refusal. */
    DECLINE,
    /** Failure / WrongPIN. */
    WRONG_PIN,
    /** Failure / Cancel (the customer pressed cancel). */
    CUSTOMER_CANCEL,
    /** Failure / Busy. */
    BUSY,
    /** Failure with an ErrorCondition nobody knows. */
    STRANGE_CONDITION,
    /** Result "Partial". */
    PARTIAL,
    /** HTTP 500, nothing processed. */
    HTTP_500,
    /** Approves after {@link FakeTerminalBackend#slowMillis}. */
    APPROVE_SLOWLY,
    /** Approves, then drops the connection without answering. */
    APPROVE_THEN_DROP,
    /** Keeps the request open and never answers; TransactionStatus says InProgress until {@link FakeTerminalBackend#complete}. */
    NEVER_ANSWER,
    /** Keeps the card prompt open until an AbortRequest arrives, then answers Failure / Aborted. */
    WAIT_FOR_ABORT,
    /** Approves but sends a full PAN, expiry, track data and CVV in every field it can. */
    LEAK_CARD_DATA
}

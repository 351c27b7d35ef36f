package org.passerelle.payment.nexo;

/** A TransactionStatusResponse: the original answer when the backend has it, or why not. */
public record StatusAnswer(Kind kind, TerminalAnswer original, String reason) {

    public enum Kind {
        /** The backend processed the original request; {@code original} is its answer. */
        PROCESSED,
        /** Still running on the terminal: ask again later. */
        IN_PROGRESS,
        /** The backend has no record of the original request. */
        NOT_FOUND,
        /** Anything else: ask again later. */
        UNCLEAR
    }
}

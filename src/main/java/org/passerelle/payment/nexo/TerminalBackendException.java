package org.passerelle.payment.nexo;

/** The terminal backend did not give a readable answer. {@link Kind} says whether anything may have happened. */
public class TerminalBackendException extends Exception {

    public enum Kind {
        /** The connection could not be opened: the request never left. */
        NOT_DELIVERED,
        /** Sent, then no answer in time or the connection dropped: the outcome is unknown. */
        NO_ANSWER,
        /** HTTP 5xx: the backend failed somewhere; the outcome is unknown. */
        SERVER_ERROR,
        /** HTTP 4xx: the backend refused the request before processing it. */
        REFUSED,
        /** A 2xx answer we cannot read, or one that is not the answer to our request. */
        MALFORMED
    }

    private final Kind kind;
    private final int httpStatus;

    public TerminalBackendException(Kind kind, int httpStatus, String message) {
        super(message);
        this.kind = kind;
        this.httpStatus = httpStatus;
    }

    public Kind kind() {
        return kind;
    }

    public int httpStatus() {
        return httpStatus;
    }

    /** True when the request certainly did not start anything at the terminal: safe to call it failed. */
    public boolean nothingProcessed() {
        return kind == Kind.NOT_DELIVERED || kind == Kind.REFUSED;
    }

    /**
     * Trouble with the backend itself (counts towards opening the payments breaker), as opposed to a
     * request it rejected because of its content (HTTP 400, 404, 422).
     */
    public boolean isBackendTrouble() {
        return kind != Kind.REFUSED || httpStatus == 401 || httpStatus == 403 || httpStatus == 408 || httpStatus == 429;
    }
}

package org.passerelle.payment.nexo;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.core5.http.ConnectionRequestTimeoutException;
import org.apache.hc.core5.http.NoHttpResponseException;

/**
 * What an I/O failure of the HTTP call means for money. Only a connection that never opened (or was
 * never taken from the pool) is {@code NOT_DELIVERED}: nothing can have been charged; anything after the request may have left —
 * a read timeout, a reset, a closed connection — is {@code NO_ANSWER}: the outcome is unknown and is
 * asked with TransactionStatus, never by sending again.
 */
public final class NexoTransportFailures {

    private NexoTransportFailures() {
    }

    /** The transport failure in {@code error}'s causes, as a TerminalBackendException; null when there is none. */
    public static TerminalBackendException of(Throwable error, long timeoutMillis) {
        TerminalBackendException known = find(error, TerminalBackendException.class);
        if (known != null) {
            return known;
        }
        IOException io = find(error, IOException.class);
        if (io == null) {
            return null;
        }
        String type = io.getClass().getSimpleName();
        if (io instanceof ConnectException || io instanceof ConnectTimeoutException || io instanceof UnknownHostException
                || io instanceof ConnectionRequestTimeoutException) {
            return new TerminalBackendException(TerminalBackendException.Kind.NOT_DELIVERED, 0,
                    "cannot connect to the terminal backend (" + type + ")");
        }
        if (io instanceof SocketTimeoutException) {
            return new TerminalBackendException(TerminalBackendException.Kind.NO_ANSWER, 0,
                    "no answer within " + timeoutMillis + " ms");
        }
        if (io instanceof NoHttpResponseException) {
            return new TerminalBackendException(TerminalBackendException.Kind.NO_ANSWER, 0,
                    "connection closed before the answer (" + type + ")");
        }
        return new TerminalBackendException(TerminalBackendException.Kind.NO_ANSWER, 0,
                "connection lost before the answer (" + type + ")");
    }

    private static <T extends Throwable> T find(Throwable t, Class<T> type) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (type.isInstance(c)) {
                return type.cast(c);
            }
        }
        return null;
    }
}

package org.passerelle.scheduling.hl7.mllp;

/**
 * What an MLLP listener is doing now, for its health indicator.
 *
 * @param listening the server socket is bound and accepting
 * @param openConnections connections open now
 * @param maxConnections the limit; at it, the next connection is refused
 */
public record ListenerStatus(boolean listening, int openConnections, int maxConnections) {

    public boolean saturated() {
        return openConnections >= maxConnections;
    }
}

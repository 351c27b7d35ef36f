package org.passerelle.scheduling.hl7.mllp;

import java.time.Duration;

/**
 * What an MLLP listener of the {@code mllp} component allows a sender (all its listeners share them).
 *
 * @param maxConnections connections open at once; the next one is closed on accept, before anything is read
 * @param idleTimeout a connection with no frame started for this long is closed (bytes outside frames are
 *        not activity)
 * @param readTimeout a frame whose bytes stop arriving for this long is dropped and its connection reset
 * @param maxFrameBytes longest payload kept; the rest of a longer frame is read and dropped, and the route
 *        is told (header {@link PipelinedMllpComponent#FRAME_TOO_LONG})
 * @param allowedSenders who may connect
 */
public record ListenerLimits(int maxConnections, Duration idleTimeout, Duration readTimeout, int maxFrameBytes,
                             SenderAllowlist allowedSenders) {

    public ListenerLimits {
        if (maxConnections < 1 || maxFrameBytes < 16 || idleTimeout.isNegative() || idleTimeout.isZero()
                || readTimeout.isNegative() || readTimeout.isZero()) {
            throw new IllegalArgumentException("MLLP listener limits out of range");
        }
    }

    int idleTimeoutMillis() {
        return (int) Math.min(Integer.MAX_VALUE, idleTimeout.toMillis());
    }

    int readTimeoutMillis() {
        return (int) Math.min(Integer.MAX_VALUE, readTimeout.toMillis());
    }
}

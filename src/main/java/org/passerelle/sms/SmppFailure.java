package org.passerelle.sms;

import java.io.IOException;
import java.util.Set;
import org.jsmpp.extra.NegativeResponseException;
import org.jsmpp.extra.ResponseTimeoutException;
import org.passerelle.channel.ChannelCalls;

/** What an SMPP failure means for the reminder: hold it, retry it later, or give up. */
enum SmppFailure {
    /** We did not send (gate closed, breaker open): keep it due, count no attempt. */
    HELD,
    /** The SMSC is busy, unreachable or slow: retry with backoff. */
    TRANSIENT,
    /** The SMSC refused this message for good (bad number, bad content). */
    PERMANENT;

    private static final int ESME_RMSGQFUL = 0x14;
    private static final int ESME_RTHROTTLED = 0x58;
    private static final int ESME_RSYSERR = 0x08;
    private static final int ESME_RX_T_APPN = 0x64;
    private static final Set<Integer> TRANSIENT_STATUSES = Set.of(ESME_RMSGQFUL, ESME_RTHROTTLED, ESME_RSYSERR, ESME_RX_T_APPN);

    static SmppFailure of(Throwable t) {
        if (t == null) {
            return TRANSIENT;
        }
        if (ChannelCalls.refusedBeforeSending(t)) {
            return HELD;
        }
        NegativeResponseException negative = find(t, NegativeResponseException.class);
        if (negative != null) {
            return TRANSIENT_STATUSES.contains(negative.getCommandStatus()) ? TRANSIENT : PERMANENT;
        }
        return TRANSIENT; // lost connection, timeouts, I/O: the SMSC may come back
    }

    /** Whether the failure says something about the SMSC's health (for the circuit breaker). */
    static boolean isSmscFailure(Throwable t) {
        if (ChannelCalls.refusedBeforeSending(t)) {
            return false;
        }
        NegativeResponseException negative = find(t, NegativeResponseException.class);
        if (negative != null) {
            return TRANSIENT_STATUSES.contains(negative.getCommandStatus());
        }
        return find(t, IOException.class) != null || find(t, ResponseTimeoutException.class) != null
                || t.getClass().getName().startsWith("org.apache.camel.component.smpp");
    }

    /**
     * True when the submit may have reached the SMSC although we got no answer (timeout, connection cut
     * mid-call): SMPP cannot tell, so a retry may deliver it twice. "Lost connection ... not reconnected"
     * is raised before anything is written, so it is not ambiguous.
     */
    static boolean isAmbiguous(Throwable t) {
        if (find(t, ResponseTimeoutException.class) != null) {
            return true;
        }
        IOException io = find(t, IOException.class);
        return io != null && (io.getMessage() == null || !io.getMessage().startsWith("Lost connection"));
    }

    /** A short, data-free description for the reminder's error column. */
    static String describe(Throwable t) {
        NegativeResponseException negative = find(t, NegativeResponseException.class);
        if (negative != null) {
            return String.format("SMSC refused: command_status 0x%02X", negative.getCommandStatus());
        }
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName();
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

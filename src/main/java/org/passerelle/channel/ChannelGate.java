package org.passerelle.channel;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.springframework.stereotype.Component;

/**
 * The one in-memory check that every outbound call passes immediately before it leaves.
 *
 * <p>Reads are a volatile read. Closed until the first reconcile has loaded the persisted state, so a
 * replica that restarts while a channel is suspended never sends in between.
 *
 * <p>An outbound call holds an {@link Admission} while it runs. Closing the gate is a volatile write
 * followed by {@link #awaitInFlight}: since a caller increments its in-flight count before reading the
 * state, every caller that saw the gate open is counted, and waiting for the count to reach zero
 * guarantees that no call admitted before the close is still about to start.
 */
@Component
public class ChannelGate {

    private final Map<ChannelId, Lane> lanes = new EnumMap<>(ChannelId.class);

    public ChannelGate() {
        for (ChannelId id : ChannelId.values()) {
            lanes.put(id, new Lane());
        }
    }

    /** True when new work may leave on this channel. */
    public boolean isOpen(ChannelId channel) {
        return lanes.get(channel).state == ChannelState.ACTIVE;
    }

    /**
     * True when follow-up traffic for work already started (status inquiries, receipts handling) may
     * reach the outside service: every state but ISOLATED.
     */
    public boolean allowsRecovery(ChannelId channel) {
        ChannelState s = lanes.get(channel).state;
        return s != null && s != ChannelState.ISOLATED;
    }

    /**
     * True when a connection to the outside service (an SMPP bind, say) may be open: every state but
     * ISOLATED, and not before the first reconcile.
     */
    public boolean allowsConnection(ChannelId channel) {
        return allowsRecovery(channel);
    }

    /** Current applied state, or null before the first reconcile. */
    public ChannelState appliedState(ChannelId channel) {
        return lanes.get(channel).state;
    }

    /** Admits one new outbound call, or throws {@link ChannelClosedException}. Close the admission when the call ends. */
    public Admission enter(ChannelId channel) {
        return admit(channel, false);
    }

    /** Admits one follow-up of work already started (allowed while SUSPENDED, refused while ISOLATED). */
    public Admission enterForFollowUp(ChannelId channel) {
        return admit(channel, true);
    }

    private Admission admit(ChannelId channel, boolean recovery) {
        Lane lane = lanes.get(channel);
        lane.inFlight.incrementAndGet();
        ChannelState s = lane.state;
        boolean allowed = recovery ? s != null && s != ChannelState.ISOLATED : s == ChannelState.ACTIVE;
        if (!allowed) {
            lane.inFlight.decrementAndGet();
            throw new ChannelClosedException(channel, s);
        }
        return new Admission(lane.inFlight);
    }

    public int inFlight(ChannelId channel) {
        return lanes.get(channel).inFlight.get();
    }

    void apply(ChannelId channel, ChannelState state) {
        lanes.get(channel).state = state;
    }

    /**
     * Waits until the calls in flight on the channel have finished, at most {@code timeout}.
     *
     * @return the number still in flight when it returns (0 when drained)
     */
    int awaitInFlight(ChannelId channel, Duration timeout) {
        AtomicInteger inFlight = lanes.get(channel).inFlight;
        long deadline = System.nanoTime() + timeout.toNanos();
        while (inFlight.get() > 0 && System.nanoTime() < deadline) {
            LockSupport.parkNanos(200_000);
        }
        return inFlight.get();
    }

    private static final class Lane {
        volatile ChannelState state; // null = not loaded yet = closed
        final AtomicInteger inFlight = new AtomicInteger();
    }

    /** Held by one outbound call while it runs. */
    public static final class Admission implements AutoCloseable {
        private final AtomicInteger inFlight;
        private boolean closed;

        private Admission(AtomicInteger inFlight) {
            this.inFlight = inFlight;
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                inFlight.decrementAndGet();
            }
        }
    }
}

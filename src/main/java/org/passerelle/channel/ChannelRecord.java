package org.passerelle.channel;

import java.time.OffsetDateTime;

/** The persisted desired state of one channel and who last changed it. */
record ChannelRecord(
        ChannelId id,
        ChannelState state,
        BreakerMode breakerMode,
        long breakerResetCount,
        OffsetDateTime changedAt,
        String changedBy,
        String changeReason) {

    ChannelRecord with(ChannelState newState, OffsetDateTime at, String by, String reason) {
        return new ChannelRecord(id, newState, breakerMode, breakerResetCount, at, by, reason);
    }

    ChannelRecord withBreaker(BreakerMode mode, long resetCount, OffsetDateTime at, String by, String reason) {
        return new ChannelRecord(id, state, mode, resetCount, at, by, reason);
    }
}

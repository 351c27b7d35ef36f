package org.passerelle.channel;

import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.stereotype.Component;

/** Each channel's state on this replica as plain values, for the screens (the API serves {@link ChannelStatus}). */
@Component
public class ChannelStates {

    private final ChannelStatusView status;

    public ChannelStates(ChannelStatusView status) {
        this.status = status;
    }

    /**
     * @param breakerState CLOSED, OPEN, HALF_OPEN, FORCED_OPEN… as Resilience4j names it; null without a breaker
     * @param breakerMode AUTO, FORCED_OPEN or FORCED_CLOSED; null without a breaker
     */
    public record Channel(ChannelId id, String state, boolean open, String breakerState, String breakerMode,
                          String lastError, OffsetDateTime lastErrorAt, String changedBy, OffsetDateTime changedAt,
                          String changeReason) {
    }

    public List<Channel> all() {
        return status.all().stream().map(ChannelStates::plain).toList();
    }

    public Channel of(ChannelId id) {
        return plain(status.of(id));
    }

    private static Channel plain(ChannelStatus s) {
        return new Channel(ChannelId.fromId(s.id()), s.state().name(), s.open(),
                s.breaker() == null ? null : s.breaker().state(),
                s.breaker() == null ? null : s.breaker().mode().name(),
                s.lastError() == null ? null : s.lastError().description(),
                s.lastError() == null ? null : s.lastError().at(),
                s.lastChange() == null ? null : s.lastChange().by(),
                s.lastChange() == null ? null : s.lastChange().at(),
                s.lastChange() == null ? null : s.lastChange().reason());
    }
}

package org.passerelle.channel;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * {@code passerelle_channel_state{channel}}: 0 active, 1 suspended, 2 isolated, -1 not loaded;
 * {@code passerelle_channel_open{channel}}: 1 when new work may leave;
 * {@code passerelle_channel_state_changes_total{channel,action}}: changes made through this replica.
 */
@Component
class ChannelMetrics {

    private final MeterRegistry meters;

    public ChannelMetrics(MeterRegistry meters, ChannelGate gate) {
        this.meters = meters;
        for (ChannelId id : ChannelId.values()) {
            Gauge.builder("passerelle.channel.state", gate, g -> code(g.appliedState(id)))
                    .description("Applied channel state: 0 active, 1 suspended, 2 isolated, -1 not loaded")
                    .tag("channel", id.id())
                    .register(meters);
            Gauge.builder("passerelle.channel.open", gate, g -> g.isOpen(id) ? 1 : 0)
                    .description("1 when new work may leave on the channel")
                    .tag("channel", id.id())
                    .register(meters);
        }
    }

    private static double code(ChannelState state) {
        return state == null ? -1 : state.ordinal();
    }

    void changed(ChannelId id, String action) {
        Counter.builder("passerelle.channel.state.changes")
                .description("Control changes made through this replica")
                .tag("channel", id.id())
                .tag("action", action.toLowerCase())
                .register(meters)
                .increment();
    }
}

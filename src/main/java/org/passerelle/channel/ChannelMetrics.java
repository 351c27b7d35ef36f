package org.passerelle.channel;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * {@code passerelle_channel_state{channel}}: 0 active, 1 suspended, 2 isolated, -1 not loaded;
 * {@code passerelle_channel_open{channel}}: 1 when new work may leave;
 * {@code passerelle_channel_state_changes_total{channel,action}}: changes made through this replica;
 * {@code passerelle_control_plane_revision}: the control-plane revision this replica enforces (-1 before the first load);
 * {@code passerelle_control_plane_read_age_seconds}: since this replica last read the desired state (since start
 * before the first read). Every series exists from start, so alerts and dashboards never wait for a first change.
 */
@Component
class ChannelMetrics {

    private final MeterRegistry meters;

    /** Lower-cased {@code action} tags: the state commands, then the breaker commands. */
    private static final List<String> ACTIONS = List.of("suspend", "resume", "isolate", "restore",
            "force_open", "force_closed", "reset");

    public ChannelMetrics(MeterRegistry meters, ChannelGate gate, ChannelReconciler reconciler, Clock clock) {
        this.meters = meters;
        Instant started = clock.instant();
        Gauge.builder("passerelle.control.plane.revision", reconciler,
                        r -> r.applied() == null ? -1 : r.applied().revision())
                .description("Control-plane revision applied on this replica; -1 before the first load")
                .register(meters);
        Gauge.builder("passerelle.control.plane.read.age", reconciler, r -> {
                    Instant last = r.lastSuccessfulRead();
                    return Duration.between(last == null ? started : last, clock.instant()).toMillis() / 1000.0;
                })
                .description("Seconds since this replica last read the desired channel state")
                .baseUnit("seconds")
                .register(meters);
        for (ChannelId id : ChannelId.values()) {
            Gauge.builder("passerelle.channel.state", gate, g -> code(g.appliedState(id)))
                    .description("Applied channel state: 0 active, 1 suspended, 2 isolated, -1 not loaded")
                    .tag("channel", id.id())
                    .register(meters);
            Gauge.builder("passerelle.channel.open", gate, g -> g.isOpen(id) ? 1 : 0)
                    .description("1 when new work may leave on the channel")
                    .tag("channel", id.id())
                    .register(meters);
            ACTIONS.forEach(action -> changes(id, action));
        }
    }

    private static double code(ChannelState state) {
        return state == null ? -1 : state.ordinal();
    }

    void changed(ChannelId id, String action) {
        changes(id, action.toLowerCase(Locale.ROOT)).increment();
    }

    private Counter changes(ChannelId id, String action) {
        return Counter.builder("passerelle.channel.state.changes")
                .description("Control changes made through this replica")
                .tag("channel", id.id())
                .tag("action", action)
                .register(meters);
    }
}

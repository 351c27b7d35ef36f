package org.passerelle.channel;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.util.Arrays;
import java.util.List;
import org.springframework.stereotype.Component;

/** Builds {@link ChannelStatus} from the applied snapshot, the gate and the live breakers. */
@Component
class ChannelStatusView {

    private final ChannelReconciler reconciler;
    private final ChannelGate gate;
    private final ChannelBreakers breakers;

    public ChannelStatusView(ChannelReconciler reconciler, ChannelGate gate, ChannelBreakers breakers) {
        this.reconciler = reconciler;
        this.gate = gate;
        this.breakers = breakers;
    }

    public List<ChannelStatus> all() {
        return Arrays.stream(ChannelId.values()).map(this::of).toList();
    }

    public ChannelStatus of(ChannelId id) {
        ControlSnapshot snap = reconciler.applied();
        ChannelRecord r = snap == null ? null : snap.channel(id);
        ChannelStatus.Breaker breaker = null;
        if (id.hasBreaker()) {
            CircuitBreaker cb = breakers.breaker(id);
            CircuitBreaker.Metrics m = cb.getMetrics();
            breaker = new ChannelStatus.Breaker(cb.getState().name(), r == null ? BreakerMode.AUTO : r.breakerMode(),
                    m.getFailureRate(), m.getNumberOfBufferedCalls(), m.getNumberOfFailedCalls(),
                    m.getNumberOfNotPermittedCalls());
        }
        ChannelStatus.ErrorInfo error = breakers.lastError(id)
                .map(e -> new ChannelStatus.ErrorInfo(e.description(), e.at()))
                .orElse(null);
        return new ChannelStatus(
                id.id(),
                gate.appliedState(id),
                gate.isOpen(id),
                breaker,
                r == null ? null : new ChannelStatus.LastChange(r.changedBy(), r.changedAt(), r.changeReason()),
                error,
                snap == null ? null : snap.openIncidentId(),
                gate.inFlight(id));
    }
}

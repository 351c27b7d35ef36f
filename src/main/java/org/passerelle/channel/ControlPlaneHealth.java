package org.passerelle.channel;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Readiness only: up once the desired state is loaded and while it can still be read. It never looks at
 * whether a channel is suspended: a suspended channel is normal operation.
 */
@Component("controlPlane")
class ControlPlaneHealth implements HealthIndicator {

    private static final Duration STALE_AFTER = Duration.ofSeconds(10);

    private final ChannelReconciler reconciler;
    private final Clock clock;

    public ControlPlaneHealth(ChannelReconciler reconciler, Clock clock) {
        this.reconciler = reconciler;
        this.clock = clock;
    }

    @Override
    public Health health() {
        Instant last = reconciler.lastSuccessfulRead();
        if (reconciler.applied() == null || last == null) {
            return Health.down().withDetail("reason", "desired channel state not loaded yet").build();
        }
        Duration age = Duration.between(last, clock.instant());
        Health.Builder h = age.compareTo(STALE_AFTER) > 0 ? Health.down() : Health.up();
        return h.withDetail("revision", reconciler.applied().revision())
                .withDetail("lastRead", last.toString())
                .build();
    }
}

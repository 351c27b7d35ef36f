package org.passerelle.channel;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code passerelle.channels.*}: how replicas converge and how each outbound channel's breaker trips.
 *
 * @param reconcileInterval how often each replica polls the database for a change made elsewhere; 10 ms to 1 s
 * @param suspendDrainTimeout how long a suspend call waits for calls already in flight before returning; 0 to 30 s
 * @param listenNotify on PostgreSQL, wake the other replicas with LISTEN/NOTIFY as soon as a change commits
 *        (polling stays the safety net); ignored elsewhere
 * @param breakers breaker thresholds per outbound channel id (sms, payments); a missing one uses
 *        {@link BreakerSettings#defaults()}
 * @param fourEyesRestore after an isolation, reopening a channel (restore, or resume of a channel suspended out of
 *        isolation) needs the approval of a second ops user, not the requester
 */
@Validated
@ConfigurationProperties(prefix = "passerelle.channels", ignoreUnknownFields = false)
public record ChannelProperties(
        @NotNull(message = "passerelle.channels.reconcile-interval is required")
        @DefaultValue("250ms") Duration reconcileInterval,
        @NotNull(message = "passerelle.channels.suspend-drain-timeout is required")
        @DefaultValue("2s") Duration suspendDrainTimeout,
        @DefaultValue("true") boolean listenNotify,
        @Valid Map<String, BreakerSettings> breakers,
        @DefaultValue("false") boolean fourEyesRestore) {

    public ChannelProperties {
        breakers = breakers == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(breakers));
    }

    @AssertTrue(message = "passerelle.channels.reconcile-interval must be between 10ms and 1s (replicas must converge within 1 s)")
    public boolean isReconcileIntervalWithinOneSecond() {
        return reconcileInterval == null
                || reconcileInterval.compareTo(Duration.ofMillis(10)) >= 0 && reconcileInterval.compareTo(Duration.ofSeconds(1)) <= 0;
    }

    @AssertTrue(message = "passerelle.channels.suspend-drain-timeout must be between 0 and 30s")
    public boolean isSuspendDrainTimeoutSane() {
        return suspendDrainTimeout == null
                || !suspendDrainTimeout.isNegative() && suspendDrainTimeout.compareTo(Duration.ofSeconds(30)) <= 0;
    }

    @AssertTrue(message = "passerelle.channels.breakers keys must be outbound channel ids: sms, payments")
    public boolean isBreakerKeysKnown() {
        return breakers.keySet().stream().allMatch(ChannelProperties::isChannelWithBreaker);
    }

    private static boolean isChannelWithBreaker(String key) {
        try {
            return ChannelId.fromId(key).hasBreaker();
        } catch (UnknownChannelException e) {
            return false;
        }
    }

    /** The settings of this channel's breaker, or the defaults when none are configured. */
    public BreakerSettings breaker(ChannelId id) {
        return breakers.getOrDefault(id.id(), BreakerSettings.defaults());
    }
}

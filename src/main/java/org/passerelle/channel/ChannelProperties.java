package org.passerelle.channel;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/** {@code passerelle.channels.*}: how replicas converge and how each outbound channel's breaker trips. */
@Validated
@ConfigurationProperties("passerelle.channels")
public class ChannelProperties {

    /** How often each replica polls the database for a change made elsewhere. At most 1 s. */
    @NotNull
    private Duration reconcileInterval = Duration.ofMillis(250);

    /** How long a suspend call waits for calls already in flight before returning. */
    @NotNull
    private Duration suspendDrainTimeout = Duration.ofSeconds(2);

    /** Breaker thresholds per outbound channel id (sms, payments); missing ones use the defaults. */
    @Valid
    private Map<String, BreakerSettings> breakers = new LinkedHashMap<>();

    @AssertTrue(message = "passerelle.channels.reconcile-interval must be between 10ms and 1s (replicas must converge within 1 s)")
    public boolean isReconcileIntervalWithinOneSecond() {
        return reconcileInterval != null
                && reconcileInterval.compareTo(Duration.ofMillis(10)) >= 0
                && reconcileInterval.compareTo(Duration.ofSeconds(1)) <= 0;
    }

    @AssertTrue(message = "passerelle.channels.breakers keys must be outbound channel ids: sms, payments")
    public boolean isBreakerKeysKnown() {
        return breakers.keySet().stream().allMatch(k -> {
            try {
                return ChannelId.fromId(k).hasBreaker();
            } catch (UnknownChannelException e) {
                return false;
            }
        });
    }

    @AssertTrue(message = "passerelle.channels.suspend-drain-timeout must be between 0 and 30s")
    public boolean isSuspendDrainTimeoutSane() {
        return suspendDrainTimeout != null && !suspendDrainTimeout.isNegative()
                && suspendDrainTimeout.compareTo(Duration.ofSeconds(30)) <= 0;
    }

    public BreakerSettings breaker(ChannelId id) {
        return breakers.getOrDefault(id.id(), new BreakerSettings());
    }

    public Duration getReconcileInterval() {
        return reconcileInterval;
    }

    public void setReconcileInterval(Duration reconcileInterval) {
        this.reconcileInterval = reconcileInterval;
    }

    public Duration getSuspendDrainTimeout() {
        return suspendDrainTimeout;
    }

    public void setSuspendDrainTimeout(Duration suspendDrainTimeout) {
        this.suspendDrainTimeout = suspendDrainTimeout;
    }

    public Map<String, BreakerSettings> getBreakers() {
        return breakers;
    }

    public void setBreakers(Map<String, BreakerSettings> breakers) {
        this.breakers = breakers;
    }

    /** Resilience4j count-based breaker thresholds. */
    public static class BreakerSettings {
        /** Percentage of failed calls in the window that opens the breaker. */
        @Min(value = 1, message = "failure-rate-threshold must be between 1 and 100 (percent)")
        @Max(value = 100, message = "failure-rate-threshold must be between 1 and 100 (percent)")
        private int failureRateThreshold = 50;
        /** Number of recent calls the failure rate is computed over. */
        @Min(value = 1, message = "sliding-window-size must be between 1 and 10000")
        @Max(value = 10_000, message = "sliding-window-size must be between 1 and 10000")
        private int slidingWindowSize = 20;
        /** Calls needed in the window before the failure rate counts. */
        @Min(value = 1, message = "minimum-number-of-calls must be between 1 and 10000")
        @Max(value = 10_000, message = "minimum-number-of-calls must be between 1 and 10000")
        private int minimumNumberOfCalls = 10;
        /** How long the breaker stays open before letting trial calls through. */
        @NotNull(message = "wait-in-open-state is required")
        private Duration waitInOpenState = Duration.ofSeconds(30);
        /** Trial calls allowed while half open. */
        @Min(value = 1, message = "permitted-calls-in-half-open-state must be between 1 and 1000")
        @Max(value = 1_000, message = "permitted-calls-in-half-open-state must be between 1 and 1000")
        private int permittedCallsInHalfOpenState = 3;
        /**
         * A call slower than this counts as slow; when every call in the window is slow the breaker opens.
         * Keep it above the outside service's own timeout (a card prompt may take 120 s).
         */
        @NotNull(message = "slow-call-duration is required")
        private Duration slowCallDuration = Duration.ofMinutes(5);

        public Duration getSlowCallDuration() {
            return slowCallDuration;
        }

        public void setSlowCallDuration(Duration slowCallDuration) {
            this.slowCallDuration = slowCallDuration;
        }

        @AssertTrue(message = "wait-in-open-state must be between 100ms and 1h")
        public boolean isWaitInOpenStateSane() {
            return waitInOpenState != null && waitInOpenState.compareTo(Duration.ofMillis(100)) >= 0
                    && waitInOpenState.compareTo(Duration.ofHours(1)) <= 0;
        }

        public int getFailureRateThreshold() {
            return failureRateThreshold;
        }

        public void setFailureRateThreshold(int failureRateThreshold) {
            this.failureRateThreshold = failureRateThreshold;
        }

        public int getSlidingWindowSize() {
            return slidingWindowSize;
        }

        public void setSlidingWindowSize(int slidingWindowSize) {
            this.slidingWindowSize = slidingWindowSize;
        }

        public int getMinimumNumberOfCalls() {
            return minimumNumberOfCalls;
        }

        public void setMinimumNumberOfCalls(int minimumNumberOfCalls) {
            this.minimumNumberOfCalls = minimumNumberOfCalls;
        }

        public Duration getWaitInOpenState() {
            return waitInOpenState;
        }

        public void setWaitInOpenState(Duration waitInOpenState) {
            this.waitInOpenState = waitInOpenState;
        }

        public int getPermittedCallsInHalfOpenState() {
            return permittedCallsInHalfOpenState;
        }

        public void setPermittedCallsInHalfOpenState(int permittedCallsInHalfOpenState) {
            this.permittedCallsInHalfOpenState = permittedCallsInHalfOpenState;
        }
    }
}

package org.passerelle.channel;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code passerelle.channels.breakers.<channel>.*}: Resilience4j count-based breaker thresholds of one
 * outbound channel.
 *
 * @param failureRateThreshold percentage of failed calls in the window that opens the breaker
 * @param slidingWindowSize number of recent calls the failure rate is computed over
 * @param minimumNumberOfCalls calls needed in the window before the failure rate counts
 * @param waitInOpenState how long the breaker stays open before letting trial calls through
 * @param permittedCallsInHalfOpenState trial calls allowed while half open
 * @param slowCallDuration a call slower than this counts as slow; when every call in the window is slow the
 *        breaker opens. Keep it above the outside service's own timeout (a card prompt may take 120 s).
 */
record BreakerSettings(
        @Min(value = 1, message = "passerelle.channels.breakers.<channel>.failure-rate-threshold must be between 1 and 100 (percent)")
        @Max(value = 100, message = "passerelle.channels.breakers.<channel>.failure-rate-threshold must be between 1 and 100 (percent)")
        @DefaultValue("50") int failureRateThreshold,
        @Min(value = 1, message = "passerelle.channels.breakers.<channel>.sliding-window-size must be between 1 and 10000")
        @Max(value = 10_000, message = "passerelle.channels.breakers.<channel>.sliding-window-size must be between 1 and 10000")
        @DefaultValue("20") int slidingWindowSize,
        @Min(value = 1, message = "passerelle.channels.breakers.<channel>.minimum-number-of-calls must be between 1 and 10000")
        @Max(value = 10_000, message = "passerelle.channels.breakers.<channel>.minimum-number-of-calls must be between 1 and 10000")
        @DefaultValue("10") int minimumNumberOfCalls,
        @NotNull(message = "passerelle.channels.breakers.<channel>.wait-in-open-state is required")
        @DefaultValue("30s") Duration waitInOpenState,
        @Min(value = 1, message = "passerelle.channels.breakers.<channel>.permitted-calls-in-half-open-state must be between 1 and 1000")
        @Max(value = 1_000, message = "passerelle.channels.breakers.<channel>.permitted-calls-in-half-open-state must be between 1 and 1000")
        @DefaultValue("3") int permittedCallsInHalfOpenState,
        @NotNull(message = "passerelle.channels.breakers.<channel>.slow-call-duration is required")
        @DefaultValue("5m") Duration slowCallDuration) {

    /** The settings of a channel whose breaker is not configured: the same as the {@code @DefaultValue}s above. */
    public static BreakerSettings defaults() {
        return new BreakerSettings(50, 20, 10, Duration.ofSeconds(30), 3, Duration.ofMinutes(5));
    }

    @AssertTrue(message = "passerelle.channels.breakers.<channel>.wait-in-open-state must be between 100ms and 1h")
    public boolean isWaitInOpenStateSane() {
        return waitInOpenState == null
                || waitInOpenState.compareTo(Duration.ofMillis(100)) >= 0 && waitInOpenState.compareTo(Duration.ofHours(1)) <= 0;
    }
}

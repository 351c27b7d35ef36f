package org.passerelle.channel;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * Owns the Resilience4j circuit breaker of every outbound channel. Created here, in one registry, and
 * handed to Camel by reference (beans {@code smsBreaker}, {@code paymentsBreaker}), so metrics, ops and
 * the kill switches all see the breaker that the routes really use.
 */
class ChannelBreakers {

    private final CircuitBreakerRegistry registry;
    private final Map<ChannelId, CircuitBreaker> breakers = new EnumMap<>(ChannelId.class);
    private final Map<ChannelId, LastError> lastErrors = new ConcurrentHashMap<>();
    private final Map<ChannelId, Applied> applied = new ConcurrentHashMap<>();
    private final Clock clock;

    public ChannelBreakers(ChannelProperties properties, Clock clock, List<BreakerFailureClassifier> classifiers) {
        this.clock = clock;
        this.registry = CircuitBreakerRegistry.ofDefaults();
        for (ChannelId id : ChannelId.values()) {
            if (id.hasBreaker()) {
                Predicate<Throwable> failure = t -> classifiers.stream()
                        .filter(c -> c.channel() == id)
                        .allMatch(c -> c.isOutsideServiceFailure(t));
                CircuitBreaker cb = registry.circuitBreaker(id.id(), config(properties.breaker(id), failure));
                cb.getEventPublisher().onError(e -> lastErrors.put(id, new LastError(
                        describe(e.getThrowable()), OffsetDateTime.now(clock))));
                breakers.put(id, cb);
            }
        }
    }

    private static CircuitBreakerConfig config(BreakerSettings s, Predicate<Throwable> failure) {
        return CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(s.slidingWindowSize())
                .minimumNumberOfCalls(s.minimumNumberOfCalls())
                .failureRateThreshold(s.failureRateThreshold())
                .waitDurationInOpenState(s.waitInOpenState())
                .permittedNumberOfCallsInHalfOpenState(s.permittedCallsInHalfOpenState())
                .automaticTransitionFromOpenToHalfOpenEnabled(true)
                .slowCallDurationThreshold(s.slowCallDuration())
                // a closed gate is ops' decision, not a failure of the outside service
                .ignoreExceptions(ChannelClosedException.class)
                // e.g. an SMSC refusing one bad number is healthy: only the feature knows
                .recordException(failure)
                .build();
    }

    /** Exception type and message with digits masked: messages may carry phone numbers or amounts. */
    static String describe(Throwable t) {
        String message = t.getMessage() == null ? "" : ": " + t.getMessage().replaceAll("\\d", "#");
        if (message.length() > 200) {
            message = message.substring(0, 200) + "…";
        }
        return t.getClass().getSimpleName() + message;
    }

    /** False while the breaker refuses every call (open or forced open): no point claiming work then. */
    public boolean permitsCalls(ChannelId id) {
        CircuitBreaker.State state = breaker(id).getState();
        return state != CircuitBreaker.State.OPEN && state != CircuitBreaker.State.FORCED_OPEN;
    }

    public CircuitBreakerRegistry registry() {
        return registry;
    }

    public CircuitBreaker breaker(ChannelId id) {
        CircuitBreaker cb = breakers.get(id);
        if (cb == null) {
            throw new IllegalTransitionException("Channel " + id + " has no circuit breaker (it calls no outside service)",
                    "no-breaker", id);
        }
        return cb;
    }

    public Optional<LastError> lastError(ChannelId id) {
        return Optional.ofNullable(lastErrors.get(id));
    }

    /** Applies the persisted mode and any reset requested since the last apply; idempotent. */
    void apply(ChannelRecord record) {
        CircuitBreaker cb = breakers.get(record.id());
        if (cb == null) {
            return;
        }
        Applied before = applied.get(record.id());
        boolean resetRequested = before != null && record.breakerResetCount() > before.resetCount();
        if (resetRequested) {
            cb.reset();
            lastErrors.remove(record.id());
        }
        if (before == null || before.mode() != record.breakerMode() || resetRequested) {
            switch (record.breakerMode()) {
                case FORCED_OPEN -> cb.transitionToForcedOpenState();
                case FORCED_CLOSED -> cb.transitionToDisabledState();
                case AUTO -> {
                    if (cb.getState() == CircuitBreaker.State.FORCED_OPEN || cb.getState() == CircuitBreaker.State.DISABLED) {
                        cb.transitionToClosedState();
                    }
                }
            }
        }
        applied.put(record.id(), new Applied(record.breakerMode(), record.breakerResetCount()));
    }

    public record LastError(String description, OffsetDateTime at) {
    }

    private record Applied(BreakerMode mode, long resetCount) {
    }
}

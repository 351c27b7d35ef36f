package org.passerelle.retry;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/** The one retry delay of Passerelle: exponential from {@code initial}, capped at {@code max}, ±20 % jitter. */
public final class Backoff {

    private Backoff() {
    }

    /**
     * @param retriesSoFar 0 for the first retry: the delay is then {@code initial} (±20 %), and doubles after
     */
    public static Duration withJitter(Duration initial, Duration max, int retriesSoFar) {
        return withJitter(initial, max, retriesSoFar, ThreadLocalRandom.current().nextDouble());
    }

    /** @param random a number in [0, 1) choosing where in the ±20 % band the delay falls */
    static Duration withJitter(Duration initial, Duration max, int retriesSoFar, double random) {
        long base = initial.toMillis() << Math.min(20, Math.max(0, retriesSoFar));
        long capped = Math.min(base, max.toMillis());
        return Duration.ofMillis((long) (capped * (0.8 + random * 0.4)));
    }
}

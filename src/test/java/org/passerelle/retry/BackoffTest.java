package org.passerelle.retry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

    private static final Duration INITIAL = Duration.ofSeconds(2);
    private static final Duration MAX = Duration.ofSeconds(60);

    @Test
    void doublesFromTheInitialDelayUpToTheCap() {
        assertThat(Backoff.withJitter(INITIAL, MAX, 0, 0.5)).isEqualTo(Duration.ofSeconds(2));
        assertThat(Backoff.withJitter(INITIAL, MAX, 1, 0.5)).isEqualTo(Duration.ofSeconds(4));
        assertThat(Backoff.withJitter(INITIAL, MAX, 4, 0.5)).isEqualTo(Duration.ofSeconds(32));
        assertThat(Backoff.withJitter(INITIAL, MAX, 5, 0.5)).isEqualTo(MAX);
        assertThat(Backoff.withJitter(INITIAL, MAX, 500, 0.5)).as("no overflow after many retries").isEqualTo(MAX);
    }

    @Test
    void jitterSpreadsEachDelayWithinPlusOrMinusTwentyPercent() {
        assertThat(Backoff.withJitter(INITIAL, MAX, 1, 0.0)).isEqualTo(Duration.ofMillis(3_200));
        assertThat(Backoff.withJitter(INITIAL, MAX, 1, 0.999_999)).isBetween(Duration.ofMillis(4_799), Duration.ofMillis(4_800));
        for (int i = 0; i < 1_000; i++) {
            assertThat(Backoff.withJitter(INITIAL, MAX, 3, Math.random() * 0.999)).isBetween(Duration.ofMillis(12_800),
                    Duration.ofMillis(19_200));
        }
    }
}

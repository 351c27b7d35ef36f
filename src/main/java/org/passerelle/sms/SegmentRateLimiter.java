package org.passerelle.sms;

import java.util.concurrent.locks.LockSupport;
import org.springframework.stereotype.Component;

/**
 * Token bucket in segments per second: a three-part reminder costs three tokens. The bucket holds one
 * second of tokens, so any interval of {@code t} seconds carries at most {@code rate × (1 + t)} segments,
 * and a long run averages the rate. Callers reserve their tokens under the lock and then wait outside it,
 * so the submit window's threads queue up in order and together never exceed the rate. (Tokens are taken
 * before the breaker, the gate and the bind: submits held up after taking them, by a first bind say, leave
 * together afterwards, at most one window of them.)
 */
@Component("smsRateLimiter")
public class SegmentRateLimiter {

    private static final long WAKE_NANOS = 20_000_000;

    private final SendingStop stop;
    private final double perNano;
    private final double capacity;
    private double tokens;
    private long last = System.nanoTime();

    public SegmentRateLimiter(SmsProperties properties, SendingStop stop) {
        this.stop = stop;
        this.perNano = properties.segmentsPerSecond() / 1e9;
        this.capacity = Math.max(1, properties.segmentsPerSecond());
        this.tokens = capacity;
    }

    /**
     * Blocks until {@code segments} tokens are available. Once shutdown began it stops waiting and throws
     * (the reminder is released, its tokens are not given back: shutting down, nothing else will use them).
     */
    public void acquire(int segments) {
        long until;
        synchronized (this) {
            refill();
            tokens -= segments;
            until = tokens >= 0 ? 0 : System.nanoTime() + (long) (-tokens / perNano);
        }
        long left;
        while (until != 0 && (left = until - System.nanoTime()) > 0) {
            stop.checkRunning();
            LockSupport.parkNanos(Math.min(left, WAKE_NANOS));
        }
        stop.checkRunning();
    }

    private void refill() {
        long now = System.nanoTime();
        tokens = Math.min(capacity, tokens + (now - last) * perNano);
        last = now;
    }
}

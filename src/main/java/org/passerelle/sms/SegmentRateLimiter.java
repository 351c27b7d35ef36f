package org.passerelle.sms;

import java.util.concurrent.locks.LockSupport;
import org.springframework.stereotype.Component;

/** Token bucket in segments per second: a three-part reminder costs three tokens. */
@Component("smsRateLimiter")
public class SegmentRateLimiter {

    private final double perNano;
    private final double capacity;
    private double tokens;
    private long last = System.nanoTime();

    public SegmentRateLimiter(SmsProperties properties) {
        this.perNano = properties.segmentsPerSecond() / 1e9;
        this.capacity = Math.max(1, properties.segmentsPerSecond());
        this.tokens = capacity;
    }

    /** Blocks until {@code segments} tokens are available. */
    public void acquire(int segments) {
        long waitNanos;
        synchronized (this) {
            refill();
            tokens -= segments;
            waitNanos = tokens >= 0 ? 0 : (long) (-tokens / perNano);
        }
        if (waitNanos > 0) {
            LockSupport.parkNanos(waitNanos);
        }
    }

    private void refill() {
        long now = System.nanoTime();
        tokens = Math.min(capacity, tokens + (now - last) * perNano);
        last = now;
    }
}

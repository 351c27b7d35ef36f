package org.passerelle.payment;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.passerelle.channel.BreakerOpenException;
import org.passerelle.channel.ChannelCalls;
import org.passerelle.channel.ChannelClosedException;
import org.passerelle.channel.ChannelId;
import org.passerelle.payment.nexo.TerminalBackendException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * A DiagnosisRequest every {@code probe-interval} while payments are open, through the payments breaker:
 * a dead backend opens the breaker before a cashier finds out, and once the breaker lets a trial call
 * through, the probe is that trial rather than a patient's card payment.
 */
@Component
class PaymentBackendProbe implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(PaymentBackendProbe.class);

    private final TerminalBackend backend;
    private final ChannelCalls calls;
    private final PaymentProperties properties;
    private volatile ScheduledExecutorService timer;
    private volatile Boolean lastHealthy;

    PaymentBackendProbe(TerminalBackend backend, ChannelCalls calls, PaymentProperties properties) {
        this.backend = backend;
        this.calls = calls;
        this.properties = properties;
    }

    void probe() {
        if (!calls.isOpen(ChannelId.PAYMENTS)) {
            return; // suspended or isolated: ops said no traffic
        }
        boolean healthy;
        try {
            healthy = backend.diagnose(properties.getProbeTerminalId());
        } catch (BreakerOpenException | ChannelClosedException e) {
            return;
        } catch (TerminalBackendException e) {
            healthy = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (RuntimeException e) {
            healthy = false;
        }
        if (lastHealthy == null || lastHealthy != healthy) {
            if (healthy) {
                log.info("Terminal backend answers DiagnosisRequest");
            } else {
                log.warn("Terminal backend fails DiagnosisRequest");
            }
            lastHealthy = healthy;
        }
    }

    @Override
    public void start() {
        Duration every = properties.getProbeInterval();
        if (every.isZero() || properties.getProbeTerminalId() == null) {
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "payment-backend-probe");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::probe, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
        }
    }

    @Override
    public boolean isRunning() {
        return timer != null;
    }
}

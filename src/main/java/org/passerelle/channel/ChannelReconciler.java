package org.passerelle.channel;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Keeps this replica's gates and breakers equal to the desired state in the database.
 *
 * <p>Loads the state once before anything else starts (the gates stay closed until then), then polls
 * the control revision every {@code passerelle.channels.reconcile-interval} (≤ 1 s) and reapplies the
 * whole snapshot when it moved. If the database cannot be read, the last applied state stays in force.
 */
@Component
class ChannelReconciler implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ChannelReconciler.class);

    private final ChannelStore store;
    private final ChannelGate gate;
    private final ChannelBreakers breakers;
    private final ChannelProperties properties;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private ScheduledExecutorService poller;
    private long appliedRevision = -1;
    private volatile Instant lastSuccessfulRead;
    private volatile boolean failing;
    private volatile ControlSnapshot applied;

    public ChannelReconciler(ChannelStore store, ChannelGate gate, ChannelBreakers breakers,
                             ChannelProperties properties, Clock clock, ApplicationEventPublisher events) {
        this.store = store;
        this.gate = gate;
        this.breakers = breakers;
        this.properties = properties;
        this.clock = clock;
        this.events = events;
    }

    /** Reads the database now and applies any change; called by the poller and after a local change. */
    public void reconcileNow() {
        long revision = store.revision();
        lastSuccessfulRead = clock.instant();
        if (revision != appliedRevisionSnapshot()) {
            apply(store.snapshot());
        }
    }

    /**
     * Reads the whole snapshot from {@code source} and applies it unless this replica already enforces it or a
     * newer one. The PostgreSQL listener calls it with a store on its own connection, so a wake-up never waits
     * for a free pool connection (under load every pooled one may be busy for seconds).
     */
    void reconcileFrom(ChannelStore source) {
        ControlSnapshot snapshot = source.snapshot();
        lastSuccessfulRead = clock.instant();
        if (snapshot.revision() != appliedRevisionSnapshot()) {
            apply(snapshot);
        }
    }

    /** True when {@code revision} is newer than what this replica enforces. */
    boolean isBehind(long revision) {
        return revision > appliedRevisionSnapshot();
    }

    private synchronized long appliedRevisionSnapshot() {
        return appliedRevision;
    }

    private synchronized void apply(ControlSnapshot snapshot) {
        if (snapshot.revision() < appliedRevision) {
            return; // an older read lost the race against a newer one
        }
        for (ChannelRecord record : snapshot.channels().values()) {
            ChannelState previous = gate.appliedState(record.id());
            gate.apply(record.id(), record.state());
            breakers.apply(record);
            if (previous != record.state()) {
                events.publishEvent(new ChannelStateApplied(record.id(), previous, record.state()));
            }
        }
        appliedRevision = snapshot.revision();
        applied = snapshot;
    }

    /** The snapshot this replica enforces, or null before the first load. */
    public ControlSnapshot applied() {
        return applied;
    }

    public Instant lastSuccessfulRead() {
        return lastSuccessfulRead;
    }

    private void poll() {
        try {
            reconcileNow();
            if (failing) {
                log.info("Control plane readable again; desired state reconciled");
                failing = false;
            }
        } catch (RuntimeException e) {
            if (!failing) {
                log.warn("Cannot read the control plane, keeping the last applied state: {}", ChannelBreakers.describe(e));
                failing = true;
            }
        }
    }

    @Override
    public void start() {
        reconcileNow();
        poller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "channel-reconciler");
            t.setDaemon(true);
            return t;
        });
        long period = properties.reconcileInterval().toMillis();
        poller.scheduleWithFixedDelay(this::poll, period, period, TimeUnit.MILLISECONDS);
        log.info("Channel states loaded (revision {}); polling every {} ms", appliedRevisionSnapshot(), period);
    }

    @Override
    public void stop() {
        if (poller != null) {
            poller.shutdownNow();
            poller = null;
        }
    }

    @Override
    public boolean isRunning() {
        return poller != null;
    }

    /** Before Camel routes and the web server start, so nothing is sent on a stale state. */
    @Override
    public int getPhase() {
        return Integer.MIN_VALUE + 1000;
    }
}

package org.passerelle.sms;

import jakarta.annotation.PreDestroy;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.ServiceStatus;
import org.apache.camel.spi.RouteController;
import org.passerelle.channel.ChannelGate;
import org.passerelle.channel.ChannelId;
import org.passerelle.channel.ChannelStateApplied;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Owns the SMPP routes, hence the binds: they run exactly while {@code sms} is not ISOLATED.
 *
 * <p>The routes are {@code autoStartup: false}; this class starts them once Camel runs and the control
 * plane (loaded before Camel starts) allows a connection, so a replica that starts isolated never binds.
 * On isolation it stops them in the thread that applies the state, then cuts any socket left
 * ({@link SmscConnections#closeAll()}), so {@code isolate} returns with every bind closed. A start that
 * fails (SMSC down) is retried here, not by Camel's supervising route controller: routes are started
 * and stopped through the internal controller, which the supervisor never takes over, so nothing can
 * restart them behind the gate's back. Suspension keeps the binds (receipts and STOP replies still
 * arrive; submits are stopped by the gate).
 */
@Component
class SmscLink {

    private static final Logger log = LoggerFactory.getLogger(SmscLink.class);
    static final List<String> SMPP_ROUTES = List.of("sms-inbound", "sms-reminders");
    private static final long STOP_TIMEOUT_SECONDS = 5;

    private final CamelContext camel;
    private final ChannelGate gate;
    private final SmscConnections connections;
    private final long retryDelayMillis;
    private final ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "smsc-link-retry");
        t.setDaemon(true);
        return t;
    });
    private boolean camelRunning;
    private boolean closing;
    private ScheduledFuture<?> retry;
    private boolean retryLogged;

    SmscLink(CamelContext camel, ChannelGate gate, SmscConnections connections, SmsProperties properties) {
        this.camel = camel;
        this.gate = gate;
        this.connections = connections;
        this.retryDelayMillis = properties.smsc().reconnectDelay().toMillis();
    }

    @EventListener(ApplicationStartedEvent.class)
    synchronized void camelStarted() {
        camelRunning = true;
        align();
    }

    @EventListener(ContextClosedEvent.class)
    synchronized void closing() {
        closing = true;
        cancelRetry();
    }

    @EventListener
    void on(ChannelStateApplied change) {
        if (change.channel() == ChannelId.SMS) {
            align();
        }
    }

    /** Starts or stops the SMPP routes to match the applied state of {@code sms}. */
    synchronized void align() {
        cancelRetry();
        if (!gate.allowsConnection(ChannelId.SMS)) {
            disconnect();
        } else if (camelRunning && !closing) {
            connect();
        }
    }

    private void disconnect() {
        if (camelRunning) {
            SMPP_ROUTES.forEach(this::stop);
        }
        int cut = connections.closeAll();
        if (cut > 0) {
            log.warn("sms isolated: {} SMSC socket(s) still open after the routes stopped were cut", cut);
        }
    }

    private void connect() {
        boolean failed = false;
        for (String routeId : SMPP_ROUTES) {
            failed |= !start(routeId);
        }
        if (failed) {
            retry = retries.schedule(this::align, retryDelayMillis, TimeUnit.MILLISECONDS);
        } else {
            retryLogged = false;
        }
    }

    private boolean start(String routeId) {
        RouteController routes = routes();
        ServiceStatus status = routes.getRouteStatus(routeId);
        if (status == null || status == ServiceStatus.Started) {
            return true; // null: not in this deployment's routes
        }
        try {
            routes.startRoute(routeId);
            log.info("SMPP route {} started", routeId);
            return true;
        } catch (Exception e) {
            safeStop(routeId);
            if (!retryLogged) {
                log.warn("SMPP route {} could not start ({}); retrying every {} ms", routeId,
                        SmppFailure.describe(e), retryDelayMillis);
                retryLogged = true;
            }
            return false;
        }
    }

    private void stop(String routeId) {
        ServiceStatus status = routes().getRouteStatus(routeId);
        if (status == null || status == ServiceStatus.Stopped) {
            return;
        }
        safeStop(routeId);
        log.warn("sms isolated: SMPP route {} stopped, with its bind if it had one", routeId);
    }

    private void safeStop(String routeId) {
        try {
            routes().stopRoute(routeId, STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (Exception e) {
            log.error("Could not stop SMPP route {}: {}", routeId, e.getClass().getSimpleName());
        }
    }

    /** Camel's own controller, not the supervising one: a failed start is retried by {@link #align()} only. */
    private RouteController routes() {
        return camel.getCamelContextExtension().getInternalRouteController();
    }

    private void cancelRetry() {
        if (retry != null) {
            retry.cancel(false);
            retry = null;
        }
    }

    @PreDestroy
    void shutdown() {
        retries.shutdownNow();
    }
}

package org.passerelle.sms;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.passerelle.channel.ChannelGate;
import org.passerelle.channel.ChannelId;
import org.passerelle.channel.ChannelState;
import org.passerelle.channel.ChannelStateApplied;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Isolation cuts the SMPP connections themselves (no bind, no enquire_link), not only the submits:
 * the SMPP routes stop when {@code sms} becomes ISOLATED and start again when it leaves that state.
 * Suspension keeps the binds, so receipts for messages already sent still arrive.
 */
@Component
class SmsIsolation {

    private static final Logger log = LoggerFactory.getLogger(SmsIsolation.class);
    static final List<String> SMPP_ROUTES = List.of("sms-reminders", "sms-inbound");

    private final CamelContext camel;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "sms-isolation");
        t.setDaemon(true);
        return t;
    });

    private final ChannelGate gate;

    SmsIsolation(CamelContext camel, ChannelGate gate) {
        this.camel = camel;
        this.gate = gate;
    }

    /** A replica that starts while the hospital is isolated does not bind to the SMSC at all. */
    @EventListener(ApplicationReadyEvent.class)
    void atStartup() {
        if (gate.appliedState(ChannelId.SMS) == ChannelState.ISOLATED) {
            worker.submit(() -> SMPP_ROUTES.forEach(this::stop));
        }
    }

    @EventListener
    void on(ChannelStateApplied change) {
        if (change.channel() != ChannelId.SMS || change.previous() == null) {
            return;
        }
        if (change.current() == ChannelState.ISOLATED) {
            worker.submit(() -> SMPP_ROUTES.forEach(this::stop));
        } else if (change.previous() == ChannelState.ISOLATED) {
            worker.submit(() -> SMPP_ROUTES.forEach(this::start));
        }
    }

    private void stop(String routeId) {
        try {
            if (camel.getRoute(routeId) != null) {
                camel.getRouteController().stopRoute(routeId, 5, TimeUnit.SECONDS);
                log.warn("SMS isolated: route {} stopped, SMPP connection closed", routeId);
            }
        } catch (Exception e) {
            log.error("Could not stop route {} on isolation: {}", routeId, e.getClass().getSimpleName());
        }
    }

    private void start(String routeId) {
        try {
            if (camel.getRoute(routeId) != null) {
                camel.getRouteController().startRoute(routeId);
                log.info("SMS restored: route {} started", routeId);
            }
        } catch (Exception e) {
            log.error("Could not start route {} after isolation: {}", routeId, e.getClass().getSimpleName());
        }
    }
}

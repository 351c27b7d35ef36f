package org.passerelle.scheduling.hl7;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.component.mllp.MllpConfiguration;
import org.passerelle.scheduling.hl7.mllp.ListenerLimits;
import org.passerelle.scheduling.hl7.mllp.ListenerStatus;
import org.passerelle.scheduling.hl7.mllp.PipelinedMllpComponent;
import org.passerelle.scheduling.hl7.mllp.SenderAllowlist;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Registers Passerelle's {@code mllp} component (Camel resolves the {@code mllp:} scheme to the bean {@code mllp})
 * with the limits, allowlist and TLS of {@code passerelle.hl7.*}, and the {@code hl7Listener} health indicator.
 *
 * <p>{@code hl7Listener} is UP while the listener accepts, OUT_OF_SERVICE while it is saturated (every allowed
 * connection taken: the next sender is refused), DOWN when it is not listening. It is in neither the liveness nor
 * the readiness group: a full listener is no reason to restart the pod, and taking the pod out of its Service
 * would stop the REST API and payments too because of a sender (or an attacker) holding MLLP connections. It
 * shows on {@code /actuator/health} (503 while not UP) and its details (open, max) to authorized users;
 * {@code passerelle_hl7_connections_open} / {@code _max} and {@code passerelle_hl7_connections_refused_total}
 * are the metrics to alert on.
 */
@Configuration(proxyBeanMethods = false)
class Hl7ListenerConfiguration {

    @Bean("mllp")
    PipelinedMllpComponent mllp(Hl7Properties properties, MeterRegistry meters) {
        ListenerLimits limits = new ListenerLimits(properties.maxConnections(), properties.idleTimeout(),
                properties.readTimeout(), (int) properties.maxFrameSize().toBytes(),
                SenderAllowlist.of(properties.allowedSenders()));
        PipelinedMllpComponent component = new PipelinedMllpComponent(limits, meters);
        if (properties.tls().enabled()) {
            MllpConfiguration configuration = new MllpConfiguration();
            configuration.setSslContextParameters(Hl7Tls.contextParameters(properties.tls()));
            component.setConfiguration(configuration);
        }
        return component;
    }

    @Bean
    HealthIndicator hl7ListenerHealthIndicator(PipelinedMllpComponent mllp) {
        return () -> {
            ListenerStatus s = mllp.listenerStatus();
            Health.Builder health = !s.listening() ? Health.down() : s.saturated() ? Health.outOfService() : Health.up();
            return health.withDetail("listening", s.listening()).withDetail("openConnections", s.openConnections())
                    .withDetail("maxConnections", s.maxConnections()).build();
        };
    }
}

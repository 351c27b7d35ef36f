package org.passerelle.sandbox;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

/** The simulators the local default starts. Never loaded in production (profile "local" only). */
@Profile("local")
@Configuration(proxyBeanMethods = false)
class SandboxConfiguration {

    @Bean
    SandboxSmsc sandboxSmsc(@Value("${passerelle.sandbox.smsc-port:2776}") int port) {
        return new SandboxSmsc(port);
    }

    @Bean
    SandboxTerminal sandboxTerminal(@Value("${passerelle.sandbox.terminal-port:8444}") int port,
                                    @Value("${passerelle.payments.backend.api-key:}") String apiKey) {
        return new SandboxTerminal(port, apiKey);
    }
}

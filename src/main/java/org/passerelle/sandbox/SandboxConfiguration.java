package org.passerelle.sandbox;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

/** The simulators the local default starts. Never loaded in production (profile "local" only). */
@Profile("local")
@Configuration(proxyBeanMethods = false)
class SandboxConfiguration {

    @Bean
    SandboxSmsc sandboxSmsc(SandboxProperties properties) {
        return new SandboxSmsc(properties.smscPort(), properties.smscSystemId(), properties.smscPassword());
    }

    @Bean
    SandboxTerminal sandboxTerminal(SandboxProperties properties) {
        return new SandboxTerminal(properties.terminalPort(), properties.terminalApiKey());
    }
}

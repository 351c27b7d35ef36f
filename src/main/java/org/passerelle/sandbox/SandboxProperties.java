package org.passerelle.sandbox;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.annotation.Profile;
import org.springframework.validation.annotation.Validated;

/**
 * {@code passerelle.sandbox.*}: the simulators of the local default. Bound in the {@code local} profile only,
 * like the simulators themselves.
 *
 * @param smscPort port of the sandbox SMSC (point {@code passerelle.sms.smsc.port} at it)
 * @param terminalPort port of the sandbox card terminal backend (point {@code passerelle.payments.backend.url} at it)
 * @param terminalApiKey the {@code x-API-key} the sandbox terminal expects; empty accepts any. The local profile
 *        sets it to {@code passerelle.payments.backend.api-key}.
 * @param smscSystemId the system id the sandbox SMSC accepts in a bind (local: {@code passerelle.sms.smsc.system-id})
 * @param smscPassword the password the sandbox SMSC accepts in a bind (local: {@code passerelle.sms.smsc.password})
 */
@Profile("local")
@Validated
@ConfigurationProperties(prefix = "passerelle.sandbox", ignoreUnknownFields = false)
public record SandboxProperties(
        @Min(value = 1, message = "passerelle.sandbox.smsc-port must be between 1 and 65535")
        @Max(value = 65535, message = "passerelle.sandbox.smsc-port must be between 1 and 65535")
        @DefaultValue("2776") int smscPort,
        @Min(value = 1, message = "passerelle.sandbox.terminal-port must be between 1 and 65535")
        @Max(value = 65535, message = "passerelle.sandbox.terminal-port must be between 1 and 65535")
        @DefaultValue("8444") int terminalPort,
        @NotNull(message = "passerelle.sandbox.terminal-api-key must not be null (empty accepts any key)")
        @DefaultValue("") String terminalApiKey,
        @NotNull(message = "passerelle.sandbox.smsc-system-id must not be null")
        @DefaultValue("passerelle") String smscSystemId,
        @NotNull(message = "passerelle.sandbox.smsc-password must not be null")
        @DefaultValue("") String smscPassword) {

    @Override
    public String toString() {
        return "SandboxProperties[smscPort=" + smscPort + ", terminalPort=" + terminalPort + ", terminalApiKey=(secret), smscSystemId=" + smscSystemId
                + ", smscPassword=(secret)]";
    }
}

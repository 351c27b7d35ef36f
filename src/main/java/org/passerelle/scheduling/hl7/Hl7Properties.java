package org.passerelle.scheduling.hl7;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.List;
import org.passerelle.scheduling.hl7.mllp.SenderAllowlist;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * {@code passerelle.hl7.*}: HL7 v2 SIU intake over MLLP.
 *
 * @param port TCP port of the MLLP listener (routes/hl7-intake.yaml); 0 takes any free port (tests that do
 *        not talk HL7)
 * @param bindAddress IP address the listener binds to ({@code 0.0.0.0}: every interface; the local profile
 *        binds to {@code 127.0.0.1})
 * @param startField where an appointment's start is read
 * @param maxConnections connections open at once; one more is closed on accept, counted and logged
 * @param idleTimeout a connection with no frame started for this long is closed (bytes outside frames do not
 *        count as activity)
 * @param readTimeout a frame that stops arriving for this long is dropped and its connection closed
 * @param maxFrameSize a longer frame is read to its end without being kept and answered AE
 * @param allowedSenders IP addresses or CIDR blocks that may connect; empty: any address
 * @param tls MLLP over TLS
 */
@Validated
@ConfigurationProperties(prefix = "passerelle.hl7", ignoreUnknownFields = false)
record Hl7Properties(
        @Min(value = 0, message = "passerelle.hl7.port must be between 0 and 65535")
        @Max(value = 65535, message = "passerelle.hl7.port must be between 0 and 65535")
        @DefaultValue("2575") int port,
        @NotNull(message = "passerelle.hl7.bind-address is required: an IP address, 0.0.0.0 for every interface")
        @DefaultValue("0.0.0.0") String bindAddress,
        @NotNull(message = "passerelle.hl7.start-field is required: SCH_11_4, AIS_4, AIL_6 or AIP_6")
        @DefaultValue("SCH_11_4") StartField startField,
        @Min(value = 1, message = "passerelle.hl7.max-connections must be between 1 and 10000")
        @Max(value = 10000, message = "passerelle.hl7.max-connections must be between 1 and 10000")
        @DefaultValue("100") int maxConnections,
        @NotNull(message = "passerelle.hl7.idle-timeout is required")
        @DefaultValue("60s") Duration idleTimeout,
        @NotNull(message = "passerelle.hl7.read-timeout is required")
        @DefaultValue("10s") Duration readTimeout,
        @NotNull(message = "passerelle.hl7.max-frame-size is required")
        @DefaultValue("1MB") DataSize maxFrameSize,
        List<String> allowedSenders,
        @Valid @NotNull @DefaultValue Tls tls) {

    private static final Duration SHORTEST_TIMEOUT = Duration.ofMillis(100);

    Hl7Properties {
        allowedSenders = allowedSenders == null ? List.of() : List.copyOf(allowedSenders);
    }

    @AssertTrue(message = "passerelle.hl7.bind-address must be an IPv4 or IPv6 address (0.0.0.0: every interface)")
    public boolean isBindAddressValid() {
        return bindAddress == null || SenderAllowlist.isAddress(bindAddress);
    }

    @AssertTrue(message = "passerelle.hl7.idle-timeout must be between 100ms and 24h")
    public boolean isIdleTimeoutValid() {
        return idleTimeout == null || within(idleTimeout, Duration.ofHours(24));
    }

    @AssertTrue(message = "passerelle.hl7.read-timeout must be between 100ms and 10m")
    public boolean isReadTimeoutValid() {
        return readTimeout == null || within(readTimeout, Duration.ofMinutes(10));
    }

    @AssertTrue(message = "passerelle.hl7.max-frame-size must be between 1KB and 64MB")
    public boolean isMaxFrameSizeValid() {
        return maxFrameSize == null
                || maxFrameSize.toBytes() >= 1024 && maxFrameSize.toBytes() <= DataSize.ofMegabytes(64).toBytes();
    }

    @AssertTrue(message = "passerelle.hl7.allowed-senders must be IP addresses or CIDR blocks (10.1.0.0/16, fd00::/8)")
    public boolean isAllowedSendersValid() {
        return allowedSenders == null || allowedSenders.stream().allMatch(SenderAllowlist::isEntry);
    }

    private static boolean within(Duration d, Duration longest) {
        return d.compareTo(SHORTEST_TIMEOUT) >= 0 && d.compareTo(longest) <= 0;
    }

    /** Where an appointment's start is read. Senders differ; pick the one the scheduling system fills. */
    public enum StartField {
        /** SCH-11.4, start of the appointment timing quantity (v2.3–v2.5 style). */
        SCH_11_4,
        /** AIS-4, start of the first service resource. */
        AIS_4,
        /** AIL-6, start of the first location resource. */
        AIL_6,
        /** AIP-6, start of the first personnel resource. */
        AIP_6
    }

    /**
     * {@code passerelle.hl7.tls.*}: MLLP over TLS. Key and trust stores are Spring resource locations
     * ({@code file:/etc/passerelle/hl7.p12}, {@code classpath:…}).
     *
     * @param enabled listen with TLS only (no plain MLLP on the port)
     * @param keyStore the listener's key and certificate chain
     * @param keyStorePassword its password (also the key's)
     * @param keyStoreType {@code PKCS12} or {@code JKS}
     * @param clientAuth {@code NONE}, {@code WANT} or {@code REQUIRE} a client certificate from the trust store
     * @param trustStore the certificates (or their CAs) of senders; required unless client-auth is NONE
     * @param trustStorePassword its password
     */
    public record Tls(
            @DefaultValue("false") boolean enabled,
            String keyStore,
            String keyStorePassword,
            @NotNull @DefaultValue("PKCS12") String keyStoreType,
            @NotNull @DefaultValue("NONE") ClientAuth clientAuth,
            String trustStore,
            String trustStorePassword) {

        @AssertTrue(message = "passerelle.hl7.tls.key-store and key-store-password are required when tls.enabled")
        public boolean isKeyStoreGiven() {
            return !enabled || keyStore != null && !keyStore.isBlank() && keyStorePassword != null;
        }

        @AssertTrue(message = "passerelle.hl7.tls.trust-store and trust-store-password are required when tls.client-auth is WANT or REQUIRE")
        public boolean isTrustStoreGiven() {
            return !enabled || clientAuth == ClientAuth.NONE
                    || trustStore != null && !trustStore.isBlank() && trustStorePassword != null;
        }

        /** Passwords are secrets: never in a log line or a failure report. */
        @Override
        public String toString() {
            return "Tls[enabled=" + enabled + ", keyStore=" + keyStore + ", keyStoreType=" + keyStoreType
                    + ", clientAuth=" + clientAuth + ", trustStore=" + trustStore + "]";
        }
    }

    /** Whether the listener asks senders for a certificate. */
    public enum ClientAuth { NONE, WANT, REQUIRE }
}

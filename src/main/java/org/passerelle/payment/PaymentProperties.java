package org.passerelle.payment;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.net.URI;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Currency;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code passerelle.payments.*}: the terminal backend, the money we accept and how unknown outcomes are chased.
 *
 * @param saleId          nexo SaleID: how the terminal backend knows this gateway (the "sale system")
 * @param currencies      ISO 4217 codes accepted at the cashier; the first is the default when a request names none
 * @param maxAmountMinor  largest amount accepted for one payment, in minor units (5 000 000 = 50 000,00 EUR)
 * @param workers         payments driven at the same time by this replica (each holds a thread while the card prompt is open)
 * @param maxWait         longest {@code ?wait=} a client may ask for on GET /api/payments/{id}
 * @param shutdownGrace   on shutdown, how long payments already at the terminal may still finish before the rest are
 *                        left to recovery (resolved by TransactionStatus); keep it under Kubernetes' termination grace
 * @param zone            time zone of the business day in the reconciliation report
 * @param probeInterval   how often a DiagnosisRequest probes the backend while the channel is open; 0 turns it off
 * @param probeTerminalId the terminal (POIID) the probe's DiagnosisRequest names; no probe without one
 */
@Validated
@ConfigurationProperties("passerelle.payments")
record PaymentProperties(
        @Valid @NotNull @DefaultValue Backend backend,
        @DefaultValue("PASSERELLE")
        @Pattern(regexp = "[A-Za-z0-9._-]{1,32}", message = "passerelle.payments.sale-id: 1-32 letters, digits or . _ -")
        String saleId,
        @DefaultValue("EUR") @NotEmpty(message = "passerelle.payments.currencies must list at least one ISO 4217 code")
        List<String> currencies,
        @DefaultValue("5000000") @Min(1) @Max(99_999_999_999L) long maxAmountMinor,
        @DefaultValue("32") @Min(1) @Max(1_000) int workers,
        @DefaultValue("60s") @NotNull Duration maxWait,
        @DefaultValue("25s") @NotNull Duration shutdownGrace,
        @DefaultValue("Europe/Paris") @NotNull ZoneId zone,
        @DefaultValue("30s") @NotNull Duration probeInterval,
        @Pattern(regexp = "[A-Za-z0-9._-]{1,40}", message = "passerelle.payments.probe-terminal-id: 1-40 letters, digits or . _ -")
        String probeTerminalId,
        @Valid @NotNull @DefaultValue Recovery recovery) {

    public PaymentProperties {
        currencies = currencies == null ? null : List.copyOf(currencies);
    }

    @AssertTrue(message = "passerelle.payments.currencies must be upper-case ISO 4217 codes known to Java, e.g. EUR")
    public boolean isCurrenciesKnown() {
        return currencies != null && currencies.stream().allMatch(PaymentProperties::isIsoCurrency);
    }

    @AssertTrue(message = "passerelle.payments.recovery.not-found-after must be longer than backend.read-timeout + "
            + "recovery.in-flight-margin: a payment still on its way must not be declared FAILED")
    public boolean isNotFoundAfterBeyondTheReadDeadline() {
        return backend == null || recovery == null || backend.readTimeout() == null
                || recovery.notFoundAfter() == null || recovery.inFlightMargin() == null
                || recovery.notFoundAfter().compareTo(backend.readTimeout().plus(recovery.inFlightMargin())) > 0;
    }

    @AssertTrue(message = "passerelle.payments.max-wait must be between 1s and 5m")
    public boolean isMaxWaitSane() {
        return maxWait != null && maxWait.compareTo(Duration.ofSeconds(1)) >= 0 && maxWait.compareTo(Duration.ofMinutes(5)) <= 0;
    }

    @AssertTrue(message = "passerelle.payments.probe-interval must be 0 (off) or at least 1s")
    public boolean isProbeIntervalSane() {
        return probeInterval != null && (probeInterval.isZero() || probeInterval.compareTo(Duration.ofSeconds(1)) >= 0);
    }

    @AssertTrue(message = "passerelle.payments.shutdown-grace must be between 0s and 5m")
    public boolean isShutdownGraceSane() {
        return shutdownGrace != null && !shutdownGrace.isNegative() && shutdownGrace.compareTo(Duration.ofMinutes(5)) <= 0;
    }

    static boolean isIsoCurrency(String code) {
        if (code == null || !code.matches("[A-Z]{3}")) {
            return false;
        }
        try {
            return Currency.getInstance(code).getDefaultFractionDigits() >= 0;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    public String defaultCurrency() {
        return currencies.get(0);
    }

    /** True when the DiagnosisRequest probe is configured (an interval and a terminal to name). */
    boolean probeEnabled() {
        return !probeInterval.isZero() && probeTerminalId != null;
    }

    /**
     * The nexo terminal backend (Sale-to-POI JSON over HTTP(S)).
     *
     * @param url             where SaleToPOIRequest messages are POSTed, e.g. https://terminal-api.example/sync
     * @param apiKey          sent as the x-API-key header; empty sends none; never logged
     * @param readTimeout     how long a PaymentRequest may wait for its answer (card prompt included) before the outcome is unknown
     * @param statusTimeout   timeout of the short requests: TransactionStatus, Abort, Diagnosis
     * @param reversalTimeout timeout of a ReversalRequest (refund); no card prompt is involved
     * @param connections     most connections open to the backend at once (above the workers: inquiries and refunds too)
     */
    public record Backend(
            @NotNull(message = "passerelle.payments.backend.url is required (the nexo terminal backend)") URI url,
            @DefaultValue("") String apiKey,
            @DefaultValue("5s") @NotNull Duration connectTimeout,
            @DefaultValue("150s") @NotNull Duration readTimeout,
            @DefaultValue("10s") @NotNull Duration statusTimeout,
            @DefaultValue("30s") @NotNull Duration reversalTimeout,
            @DefaultValue("64") @Min(1) @Max(2_000) int connections) {

        public Backend {
            apiKey = apiKey == null ? "" : apiKey;
        }

        @AssertTrue(message = "passerelle.payments.backend.url must be an absolute http(s) URL without user info or fragment")
        public boolean isUrlHttp() {
            return url == null || ("https".equals(url.getScheme()) || "http".equals(url.getScheme())) && url.getHost() != null
                    && url.getUserInfo() == null && url.getFragment() == null;
        }

        @AssertTrue(message = "passerelle.payments.backend timeouts must be between 100ms and 10m")
        public boolean isTimeoutsSane() {
            return sane(connectTimeout) && sane(readTimeout) && sane(statusTimeout) && sane(reversalTimeout);
        }

        private static boolean sane(Duration d) {
            return d != null && d.compareTo(Duration.ofMillis(100)) >= 0 && d.compareTo(Duration.ofMinutes(10)) <= 0;
        }

        @Override
        public String toString() {
            return "Backend[url=" + url + ", apiKey=" + (apiKey.isEmpty() ? "" : "***") + "]";
        }
    }

    /**
     * How payments whose outcome is unknown are resolved by TransactionStatus inquiries.
     *
     * @param pollInterval   how often due recovery tasks are looked for
     * @param initialBackoff first delay between two inquiries; doubles each time up to max-backoff
     * @param maxBackoff     longest delay between two inquiries
     * @param notFoundAfter  a NotFound answer is trusted only this long after the request was sent (before, the backend
     *                       may not have seen it yet); after it, NotFound means nothing was charged: FAILED
     * @param humanAfter     an outcome still unknown this long after the payment was accepted is flagged for a human
     * @param inFlightMargin extra time after the read timeout before a payment whose worker vanished (crash) is unknown
     * @param receivedGrace  a payment accepted but not sent within this time (crash, overload) is failed: nothing charged
     * @param batchSize      most recovery tasks claimed by one poll
     * @param inquiries      TransactionStatus inquiries run at the same time by this replica
     */
    public record Recovery(
            @DefaultValue("1s") @NotNull Duration pollInterval,
            @DefaultValue("2s") @NotNull Duration initialBackoff,
            @DefaultValue("60s") @NotNull Duration maxBackoff,
            @DefaultValue("5m") @NotNull Duration notFoundAfter,
            @DefaultValue("30m") @NotNull Duration humanAfter,
            @DefaultValue("30s") @NotNull Duration inFlightMargin,
            @DefaultValue("60s") @NotNull Duration receivedGrace,
            @DefaultValue("50") @Min(1) @Max(1_000) int batchSize,
            @DefaultValue("4") @Min(1) @Max(64) int inquiries) {

        @AssertTrue(message = "passerelle.payments.recovery durations must be positive, with initial-backoff <= max-backoff")
        public boolean isDurationsSane() {
            for (Duration d : new Duration[] {pollInterval, initialBackoff, maxBackoff, notFoundAfter, humanAfter,
                    inFlightMargin, receivedGrace}) {
                if (d == null || d.isNegative() || d.isZero()) {
                    return false;
                }
            }
            return initialBackoff.compareTo(maxBackoff) <= 0;
        }
    }
}

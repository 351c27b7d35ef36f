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
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/** {@code passerelle.payments.*}: the terminal backend, the money we accept and how unknown outcomes are chased. */
@Validated
@ConfigurationProperties("passerelle.payments")
public class PaymentProperties {

    @Valid
    @NotNull
    private Backend backend = new Backend();

    /** nexo SaleID: how the terminal backend knows this gateway (the "sale system"). */
    @Pattern(regexp = "[A-Za-z0-9._-]{1,32}", message = "passerelle.payments.sale-id: 1-32 letters, digits or . _ -")
    private String saleId = "PASSERELLE";

    /** ISO 4217 codes accepted at the cashier; the first one is the default when a request names none. */
    @NotEmpty(message = "passerelle.payments.currencies must list at least one ISO 4217 code")
    private List<String> currencies = new ArrayList<>(List.of("EUR"));

    /** Largest amount accepted for one payment, in minor units (5 000 000 = 50 000,00 EUR). */
    @Min(1) @Max(99_999_999_999L)
    private long maxAmountMinor = 5_000_000;

    /** Payments driven at the same time by this replica (each holds a thread while the card prompt is open). */
    @Min(1) @Max(1_000)
    private int workers = 32;

    /** Longest {@code ?wait=} a client may ask for on GET /api/payments/{id}. */
    @NotNull
    private Duration maxWait = Duration.ofSeconds(60);

    /**
     * On shutdown, how long payments already at the terminal may still finish before the rest are left to
     * recovery (they become UNKNOWN and are resolved by TransactionStatus). Keep it under Kubernetes'
     * termination grace period.
     */
    @NotNull
    private Duration shutdownGrace = Duration.ofSeconds(25);

    public Duration getShutdownGrace() {
        return shutdownGrace;
    }

    public void setShutdownGrace(Duration shutdownGrace) {
        this.shutdownGrace = shutdownGrace;
    }

    /** Time zone of the business day in the reconciliation report. */
    @NotNull
    private ZoneId zone = ZoneId.of("Europe/Paris");

    /** How often a DiagnosisRequest probes the backend while the channel is open; 0 turns the probe off. */
    @NotNull
    private Duration probeInterval = Duration.ofSeconds(30);

    /** The terminal (POIID) the probe's DiagnosisRequest names; no probe without one. */
    @Pattern(regexp = "[A-Za-z0-9._-]{1,40}", message = "passerelle.payments.probe-terminal-id: 1-40 letters, digits or . _ -")
    private String probeTerminalId;

    @Valid
    @NotNull
    private Recovery recovery = new Recovery();

    @AssertTrue(message = "passerelle.payments.currencies must be upper-case ISO 4217 codes known to Java, e.g. EUR")
    public boolean isCurrenciesKnown() {
        return currencies != null && currencies.stream().allMatch(PaymentProperties::isIsoCurrency);
    }

    @AssertTrue(message = "passerelle.payments.recovery.not-found-after must be longer than backend.read-timeout + "
            + "recovery.in-flight-margin: a payment still on its way must not be declared FAILED")
    public boolean isNotFoundAfterBeyondTheReadDeadline() {
        return backend == null || recovery == null || backend.getReadTimeout() == null
                || recovery.getNotFoundAfter() == null || recovery.getInFlightMargin() == null
                || recovery.getNotFoundAfter().compareTo(backend.getReadTimeout().plus(recovery.getInFlightMargin())) > 0;
    }

    @AssertTrue(message = "passerelle.payments.max-wait must be between 1s and 5m")
    public boolean isMaxWaitSane() {
        return maxWait != null && maxWait.compareTo(Duration.ofSeconds(1)) >= 0 && maxWait.compareTo(Duration.ofMinutes(5)) <= 0;
    }

    @AssertTrue(message = "passerelle.payments.probe-interval must be 0 (off) or at least 1s")
    public boolean isProbeIntervalSane() {
        return probeInterval != null && (probeInterval.isZero() || probeInterval.compareTo(Duration.ofSeconds(1)) >= 0);
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

    /** The nexo terminal backend (Sale-to-POI JSON over HTTPS). */
    public static class Backend {
        /** Where SaleToPOIRequest messages are POSTed, e.g. https://terminal-api.example/sync. */
        @NotNull(message = "passerelle.payments.backend.url is required (the nexo terminal backend)")
        private URI url;
        /** Sent as the x-API-key header; empty sends none. Never logged. */
        private String apiKey = "";
        @NotNull
        private Duration connectTimeout = Duration.ofSeconds(5);
        /** How long a PaymentRequest may wait for its answer (card prompt included) before the outcome is unknown. */
        @NotNull
        private Duration readTimeout = Duration.ofSeconds(150);
        /** Timeout of the short requests: TransactionStatus, Abort, Diagnosis. */
        @NotNull
        private Duration statusTimeout = Duration.ofSeconds(10);
        /** Timeout of a ReversalRequest (refund); no card prompt is involved. */
        @NotNull
        private Duration reversalTimeout = Duration.ofSeconds(30);

        @AssertTrue(message = "passerelle.payments.backend.url must be an absolute http(s) URL")
        public boolean isUrlHttp() {
            return url == null || ("https".equals(url.getScheme()) || "http".equals(url.getScheme())) && url.getHost() != null;
        }

        @AssertTrue(message = "passerelle.payments.backend timeouts must be between 100ms and 10m")
        public boolean isTimeoutsSane() {
            return sane(connectTimeout) && sane(readTimeout) && sane(statusTimeout) && sane(reversalTimeout);
        }

        private static boolean sane(Duration d) {
            return d != null && d.compareTo(Duration.ofMillis(100)) >= 0 && d.compareTo(Duration.ofMinutes(10)) <= 0;
        }

        public URI getUrl() {
            return url;
        }

        public void setUrl(URI url) {
            this.url = url;
        }

        public String getApiKey() {
            return apiKey;
        }

        public void setApiKey(String apiKey) {
            this.apiKey = apiKey;
        }

        public Duration getConnectTimeout() {
            return connectTimeout;
        }

        public void setConnectTimeout(Duration connectTimeout) {
            this.connectTimeout = connectTimeout;
        }

        public Duration getReadTimeout() {
            return readTimeout;
        }

        public void setReadTimeout(Duration readTimeout) {
            this.readTimeout = readTimeout;
        }

        public Duration getStatusTimeout() {
            return statusTimeout;
        }

        public void setStatusTimeout(Duration statusTimeout) {
            this.statusTimeout = statusTimeout;
        }

        public Duration getReversalTimeout() {
            return reversalTimeout;
        }

        public void setReversalTimeout(Duration reversalTimeout) {
            this.reversalTimeout = reversalTimeout;
        }
    }

    /** How payments whose outcome is unknown are resolved by TransactionStatus inquiries. */
    public static class Recovery {
        /** How often due recovery tasks are looked for. */
        @NotNull
        private Duration pollInterval = Duration.ofSeconds(1);
        /** First delay between two inquiries; doubles each time up to max-backoff. */
        @NotNull
        private Duration initialBackoff = Duration.ofSeconds(2);
        @NotNull
        private Duration maxBackoff = Duration.ofSeconds(60);
        /**
         * A NotFound answer is trusted only this long after the request was sent: before that the backend
         * may simply not have seen it yet. After it, NotFound means nothing was charged: FAILED.
         */
        @NotNull
        private Duration notFoundAfter = Duration.ofMinutes(5);
        /** An outcome still unknown this long after the payment was accepted is flagged for a human. */
        @NotNull
        private Duration humanAfter = Duration.ofMinutes(30);
        /** Extra time after the read timeout before a payment whose worker vanished (crash) is treated as unknown. */
        @NotNull
        private Duration inFlightMargin = Duration.ofSeconds(30);
        /** A payment accepted but not sent within this time (crash, overload) is failed: nothing was charged. */
        @NotNull
        private Duration receivedGrace = Duration.ofSeconds(60);
        @Min(1) @Max(1_000)
        private int batchSize = 50;

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

        public Duration getPollInterval() {
            return pollInterval;
        }

        public void setPollInterval(Duration pollInterval) {
            this.pollInterval = pollInterval;
        }

        public Duration getInitialBackoff() {
            return initialBackoff;
        }

        public void setInitialBackoff(Duration initialBackoff) {
            this.initialBackoff = initialBackoff;
        }

        public Duration getMaxBackoff() {
            return maxBackoff;
        }

        public void setMaxBackoff(Duration maxBackoff) {
            this.maxBackoff = maxBackoff;
        }

        public Duration getNotFoundAfter() {
            return notFoundAfter;
        }

        public void setNotFoundAfter(Duration notFoundAfter) {
            this.notFoundAfter = notFoundAfter;
        }

        public Duration getHumanAfter() {
            return humanAfter;
        }

        public void setHumanAfter(Duration humanAfter) {
            this.humanAfter = humanAfter;
        }

        public Duration getInFlightMargin() {
            return inFlightMargin;
        }

        public void setInFlightMargin(Duration inFlightMargin) {
            this.inFlightMargin = inFlightMargin;
        }

        public Duration getReceivedGrace() {
            return receivedGrace;
        }

        public void setReceivedGrace(Duration receivedGrace) {
            this.receivedGrace = receivedGrace;
        }

        public int getBatchSize() {
            return batchSize;
        }

        public void setBatchSize(int batchSize) {
            this.batchSize = batchSize;
        }
    }

    public Backend getBackend() {
        return backend;
    }

    public void setBackend(Backend backend) {
        this.backend = backend;
    }

    public String getSaleId() {
        return saleId;
    }

    public void setSaleId(String saleId) {
        this.saleId = saleId;
    }

    public List<String> getCurrencies() {
        return currencies;
    }

    public void setCurrencies(List<String> currencies) {
        this.currencies = currencies;
    }

    public long getMaxAmountMinor() {
        return maxAmountMinor;
    }

    public void setMaxAmountMinor(long maxAmountMinor) {
        this.maxAmountMinor = maxAmountMinor;
    }

    public int getWorkers() {
        return workers;
    }

    public void setWorkers(int workers) {
        this.workers = workers;
    }

    public Duration getMaxWait() {
        return maxWait;
    }

    public void setMaxWait(Duration maxWait) {
        this.maxWait = maxWait;
    }

    public ZoneId getZone() {
        return zone;
    }

    public void setZone(ZoneId zone) {
        this.zone = zone;
    }

    public Duration getProbeInterval() {
        return probeInterval;
    }

    public void setProbeInterval(Duration probeInterval) {
        this.probeInterval = probeInterval;
    }

    public String getProbeTerminalId() {
        return probeTerminalId;
    }

    public void setProbeTerminalId(String probeTerminalId) {
        this.probeTerminalId = probeTerminalId;
    }

    public Recovery getRecovery() {
        return recovery;
    }

    public void setRecovery(Recovery recovery) {
        this.recovery = recovery;
    }
}

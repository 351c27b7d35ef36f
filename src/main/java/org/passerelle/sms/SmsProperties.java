package org.passerelle.sms;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.passerelle.sms.text.ReminderTemplate;
import org.passerelle.sms.text.SenderId;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/** {@code passerelle.sms.*}: the SMSC, the sender, the text and the pace of sending. */
@Validated
@ConfigurationProperties("passerelle.sms")
public class SmsProperties {

    @Valid
    @NotNull
    private Smsc smsc = new Smsc();

    /** Alphanumeric sender ID shown on the patient's phone (French rules: 1-11 letters/digits, not all digits). */
    @NotBlank
    private String senderId = "HOPITAL";

    /** Replace characters outside GSM-7 (ê → e, ’ → ') so reminders stay in GSM-7 and cost fewer segments. */
    private boolean transliterate = true;

    /** Template for sites without their own. Fields: {date} {heure} {site} {adresse} {rappel} {reference}. */
    @NotBlank
    private String defaultTemplate =
            "Rappel : RDV le {date} à {heure}, {site}, {adresse}. Pour annuler ou déplacer : {rappel}. Réf {reference}";

    /** Segments submitted per second at most, on this replica. */
    @Min(1) @Max(10_000)
    private int segmentsPerSecond = 50;

    /** Reminders claimed per poll. */
    @Min(1) @Max(1_000)
    private int batchSize = 100;

    /** How long a replica keeps a claim before others may take the reminder back (crash recovery). */
    @NotNull
    private Duration claimLease = Duration.ofMinutes(2);

    /** First retry delay after a transient SMPP error; doubles per attempt, with ±20 % jitter. */
    @NotNull
    private Duration retryInitialDelay = Duration.ofSeconds(5);
    @NotNull
    private Duration retryMaxDelay = Duration.ofMinutes(10);

    @AssertTrue(message = "passerelle.sms.sender-id must be 1-11 ASCII letters or digits, not all digits, no spaces or punctuation")
    public boolean isSenderIdValid() {
        try {
            SenderId.validate(senderId);
            return true;
        } catch (IllegalArgumentException | NullPointerException e) {
            return false;
        }
    }

    @AssertTrue(message = "passerelle.sms.default-template may only use {date} {heure} {site} {adresse} {rappel} {reference}")
    public boolean isDefaultTemplateValid() {
        try {
            new ReminderTemplate(defaultTemplate);
            return true;
        } catch (IllegalArgumentException | NullPointerException e) {
            return false;
        }
    }

    public static class Smsc {
        @NotBlank
        private String host = "127.0.0.1";
        @Min(1) @Max(65535)
        private int port = 2775;
        @NotBlank
        private String systemId = "passerelle";
        private String password = "";
        /** Delay between reconnect attempts after the SMSC dropped or unbound us. */
        @Min(100) @Max(600_000)
        private long reconnectDelayMillis = 2_000;
        @Min(1_000) @Max(600_000)
        private int enquireLinkMillis = 30_000;
        @Min(1_000) @Max(600_000)
        private int transactionTimeoutMillis = 10_000;

        public String getHost() {
            return host;
        }

        public void setHost(String host) {
            this.host = host;
        }

        public int getPort() {
            return port;
        }

        public void setPort(int port) {
            this.port = port;
        }

        public String getSystemId() {
            return systemId;
        }

        public void setSystemId(String systemId) {
            this.systemId = systemId;
        }

        public String getPassword() {
            return password;
        }

        public void setPassword(String password) {
            this.password = password;
        }

        public long getReconnectDelayMillis() {
            return reconnectDelayMillis;
        }

        public void setReconnectDelayMillis(long reconnectDelayMillis) {
            this.reconnectDelayMillis = reconnectDelayMillis;
        }

        public int getEnquireLinkMillis() {
            return enquireLinkMillis;
        }

        public void setEnquireLinkMillis(int enquireLinkMillis) {
            this.enquireLinkMillis = enquireLinkMillis;
        }

        public int getTransactionTimeoutMillis() {
            return transactionTimeoutMillis;
        }

        public void setTransactionTimeoutMillis(int transactionTimeoutMillis) {
            this.transactionTimeoutMillis = transactionTimeoutMillis;
        }
    }

    public Smsc getSmsc() {
        return smsc;
    }

    public void setSmsc(Smsc smsc) {
        this.smsc = smsc;
    }

    public String getSenderId() {
        return senderId;
    }

    public void setSenderId(String senderId) {
        this.senderId = senderId;
    }

    public boolean isTransliterate() {
        return transliterate;
    }

    public void setTransliterate(boolean transliterate) {
        this.transliterate = transliterate;
    }

    public String getDefaultTemplate() {
        return defaultTemplate;
    }

    public void setDefaultTemplate(String defaultTemplate) {
        this.defaultTemplate = defaultTemplate;
    }

    public int getSegmentsPerSecond() {
        return segmentsPerSecond;
    }

    public void setSegmentsPerSecond(int segmentsPerSecond) {
        this.segmentsPerSecond = segmentsPerSecond;
    }

    public int getBatchSize() {
        return batchSize;
    }

    public void setBatchSize(int batchSize) {
        this.batchSize = batchSize;
    }

    public Duration getClaimLease() {
        return claimLease;
    }

    public void setClaimLease(Duration claimLease) {
        this.claimLease = claimLease;
    }

    public Duration getRetryInitialDelay() {
        return retryInitialDelay;
    }

    public void setRetryInitialDelay(Duration retryInitialDelay) {
        this.retryInitialDelay = retryInitialDelay;
    }

    public Duration getRetryMaxDelay() {
        return retryMaxDelay;
    }

    public void setRetryMaxDelay(Duration retryMaxDelay) {
        this.retryMaxDelay = retryMaxDelay;
    }
}

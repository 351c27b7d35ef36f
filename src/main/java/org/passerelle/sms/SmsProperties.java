package org.passerelle.sms;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.passerelle.sms.text.ReminderTemplate;
import org.passerelle.sms.text.SenderId;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code passerelle.sms.*}: the SMSC, the sender, the text and the pace of sending.
 *
 * @param senderId            alphanumeric sender ID shown on the patient's phone (French rules: 1-11 letters/digits, not all digits)
 * @param transliterate       replace characters outside GSM-7 (ê → e, ’ → ') so reminders stay GSM-7 and cost fewer segments
 * @param defaultTemplate     template for sites without their own; fields {date} {heure} {site} {adresse} {rappel} {reference}
 * @param segmentsPerSecond   segments submitted per second at most, on this replica
 * @param batchSize           reminders claimed per poll (in one transaction)
 * @param window              submits outstanding at once on the bind (sent before the earlier ones are answered)
 * @param claimLease          how long a replica keeps a claim before others may take the reminder back (crash recovery);
 *                            must outlast sending a batch and the window ahead of it, see {@link #isClaimLeaseLongEnough()}
 * @param retryInitialDelay   first retry delay after a transient SMPP error; doubles per attempt, with ±20 % jitter
 * @param retryMaxDelay       longest retry delay
 * @param pollInterval        how often due reminders are claimed
 * @param housekeepingInterval how often overdue reminders expire and dead claims come back
 */
@Validated
@ConfigurationProperties("passerelle.sms")
record SmsProperties(
        @Valid @NotNull @DefaultValue Smsc smsc,
        @NotBlank @DefaultValue("HOPITAL") String senderId,
        @DefaultValue("true") boolean transliterate,
        @NotBlank @DefaultValue(DEFAULT_TEMPLATE) String defaultTemplate,
        @Min(1) @Max(10_000) @DefaultValue("50") int segmentsPerSecond,
        @Min(1) @Max(1_000) @DefaultValue("100") int batchSize,
        @Min(1) @Max(100) @DefaultValue("10") int window,
        @NotNull @DurationMin(seconds = 10) @DefaultValue("2m") Duration claimLease,
        @NotNull @DurationMin(millis = 10) @DefaultValue("5s") Duration retryInitialDelay,
        @NotNull @DurationMin(millis = 10) @DefaultValue("10m") Duration retryMaxDelay,
        @NotNull @DurationMin(millis = 10) @DurationMax(minutes = 1) @DefaultValue("500ms") Duration pollInterval,
        @NotNull @DurationMin(millis = 100) @DurationMax(hours = 1) @DefaultValue("5s") Duration housekeepingInterval) {

    static final String DEFAULT_TEMPLATE =
            "Rappel : RDV le {date} à {heure}, {site}, {adresse}. Pour annuler ou déplacer : {rappel}. Réf {reference}";

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

    /** Segments assumed per reminder when sizing the lease: a long French reminder with accents is 2-3. */
    static final int LEASE_SEGMENTS_PER_REMINDER = 3;

    /**
     * The shortest claim lease that outlasts one batch: a batch is claimed while fewer than
     * {@code max(batch-size, window)} reminders claimed before it wait for a place in the window
     * ({@link ReminderDispatcher#claimDue()}), and {@code window} more may hold a place without their tokens yet,
     * so its last reminder gets its tokens after fewer than {@code 2 x (batch-size + window)} reminders at
     * {@value #LEASE_SEGMENTS_PER_REMINDER} segments each under the rate limit; that twice over, plus two
     * transaction timeouts for the last submits' responses. A shorter lease lets another replica take back claims
     * still being sent: duplicate SMS.
     */
    Duration minimumClaimLease() {
        double batchSeconds = 2.0 * (batchSize + window) * LEASE_SEGMENTS_PER_REMINDER / segmentsPerSecond;
        return Duration.ofMillis((long) Math.ceil(2 * batchSeconds * 1000)).plus(smsc.transactionTimeout().multipliedBy(2));
    }

    @AssertTrue(message = "passerelle.sms.claim-lease is too short for one batch: it must be at least "
            + "4 x (batch-size + window) x 3 segments / segments-per-second + 2 x smsc.transaction-timeout "
            + "(lower batch-size or raise claim-lease), or another replica may send the same reminders again")
    public boolean isClaimLeaseLongEnough() {
        return claimLease == null || smsc == null || segmentsPerSecond < 1 || claimLease.compareTo(minimumClaimLease()) >= 0;
    }

    @AssertTrue(message = "passerelle.sms.retry-max-delay must not be shorter than retry-initial-delay")
    public boolean isRetryDelaysOrdered() {
        return retryInitialDelay == null || retryMaxDelay == null || retryMaxDelay.compareTo(retryInitialDelay) >= 0;
    }

    /**
     * {@code passerelle.sms.smsc.*}: where the SMSC is and how the SMPP sessions behave.
     *
     * @param reconnectDelay     delay before each reconnect attempt after the SMSC dropped or unbound us
     * @param enquireLink        enquire_link period on an idle session (also jSMPP's socket read timeout)
     * @param transactionTimeout how long a request (bind, submit_sm) waits for its response
     */
    public record Smsc(
            @NotBlank @DefaultValue("127.0.0.1") String host,
            @Min(1) @Max(65535) @DefaultValue("2775") int port,
            @NotBlank @DefaultValue("passerelle") String systemId,
            @NotNull @DefaultValue("") String password,
            @NotNull @DurationMin(millis = 100) @DurationMax(minutes = 10) @DefaultValue("2s") Duration reconnectDelay,
            @NotNull @DurationMin(seconds = 1) @DurationMax(minutes = 10) @DefaultValue("30s") Duration enquireLink,
            @NotNull @DurationMin(seconds = 1) @DurationMax(minutes = 10) @DefaultValue("10s") Duration transactionTimeout) {

        /** Never prints the password. */
        @Override
        public String toString() {
            return "Smsc[host=" + host + ", port=" + port + ", systemId=" + systemId + ", password=" + (password.isEmpty() ? "" : "***")
                    + ", reconnectDelay=" + reconnectDelay + ", enquireLink=" + enquireLink
                    + ", transactionTimeout=" + transactionTimeout + "]";
        }
    }
}

package org.passerelle.privacy;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.convert.DurationUnit;
import org.springframework.validation.annotation.Validated;

/**
 * {@code passerelle.privacy.*}: keys for patient phone numbers at rest and how long personal data is kept.
 * No default key outside the local profile: a deployment without keys refuses to start. Unknown settings
 * under the prefix stop the start too, so the former {@code purge-after-days} cannot be silently ignored.
 *
 * @param phoneEncryptionKey AES-256 key, base64 (32 bytes), encrypting phone numbers at rest (AES-GCM)
 * @param phoneHashKey HMAC-SHA256 key, base64 (at least 32 bytes), for opt-out lookups without storing the number
 * @param purgeAfter how long after the appointment its personal data (phone number) is purged; 0 to 3650 days,
 *        a bare number is days
 */
@Validated
@ConfigurationProperties(prefix = "passerelle.privacy", ignoreUnknownFields = false)
public record PrivacyProperties(
        @NotBlank(message = "passerelle.privacy.phone-encryption-key is required (base64 of 32 random bytes)")
        String phoneEncryptionKey,
        @NotBlank(message = "passerelle.privacy.phone-hash-key is required (base64 of at least 32 random bytes)")
        String phoneHashKey,
        @NotNull(message = "passerelle.privacy.purge-after is required")
        @DefaultValue("7d") @DurationUnit(ChronoUnit.DAYS) Duration purgeAfter) {

    private static final Duration LONGEST_PURGE_AFTER = Duration.ofDays(3650);

    @AssertTrue(message = "passerelle.privacy.phone-encryption-key must be base64 of exactly 32 bytes")
    public boolean isEncryptionKeyValid() {
        return phoneEncryptionKey == null || decodedLength(phoneEncryptionKey) == 32;
    }

    @AssertTrue(message = "passerelle.privacy.phone-hash-key must be base64 of at least 32 bytes")
    public boolean isHashKeyValid() {
        return phoneHashKey == null || decodedLength(phoneHashKey) >= 32;
    }

    @AssertTrue(message = "passerelle.privacy.purge-after must be between 0 and 3650d")
    public boolean isPurgeAfterSane() {
        return purgeAfter == null || !purgeAfter.isNegative() && purgeAfter.compareTo(LONGEST_PURGE_AFTER) <= 0;
    }

    private static int decodedLength(String b64) {
        try {
            return Base64.getDecoder().decode(b64.trim()).length;
        } catch (IllegalArgumentException e) {
            return -1;
        }
    }

    /** The keys are secrets: never in a log line or a failure report. */
    @Override
    public String toString() {
        return "PrivacyProperties[phoneEncryptionKey=(secret), phoneHashKey=(secret), purgeAfter=" + purgeAfter + "]";
    }
}

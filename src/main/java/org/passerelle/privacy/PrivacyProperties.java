package org.passerelle.privacy;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import java.util.Base64;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code passerelle.privacy.*}: keys for patient phone numbers at rest and how long personal data is kept.
 * No default key outside the local profile: a deployment without keys refuses to start.
 */
@Validated
@ConfigurationProperties("passerelle.privacy")
public class PrivacyProperties {

    /** AES-256 key, base64 (32 bytes), encrypting phone numbers at rest (AES-GCM). */
    @NotBlank(message = "passerelle.privacy.phone-encryption-key is required (base64 of 32 random bytes)")
    private String phoneEncryptionKey;

    /** HMAC-SHA256 key, base64 (at least 32 bytes), for opt-out lookups without storing the number. */
    @NotBlank(message = "passerelle.privacy.phone-hash-key is required (base64 of at least 32 random bytes)")
    private String phoneHashKey;

    /** Days after the appointment when its personal data (phone number) is purged. */
    @Min(0) @Max(3650)
    private int purgeAfterDays = 7;

    @AssertTrue(message = "passerelle.privacy.phone-encryption-key must be base64 of exactly 32 bytes")
    public boolean isEncryptionKeyValid() {
        return phoneEncryptionKey == null || decodedLength(phoneEncryptionKey) == 32;
    }

    @AssertTrue(message = "passerelle.privacy.phone-hash-key must be base64 of at least 32 bytes")
    public boolean isHashKeyValid() {
        return phoneHashKey == null || decodedLength(phoneHashKey) >= 32;
    }

    private static int decodedLength(String b64) {
        try {
            return Base64.getDecoder().decode(b64.trim()).length;
        } catch (IllegalArgumentException e) {
            return -1;
        }
    }

    public String getPhoneEncryptionKey() {
        return phoneEncryptionKey;
    }

    public void setPhoneEncryptionKey(String phoneEncryptionKey) {
        this.phoneEncryptionKey = phoneEncryptionKey;
    }

    public String getPhoneHashKey() {
        return phoneHashKey;
    }

    public void setPhoneHashKey(String phoneHashKey) {
        this.phoneHashKey = phoneHashKey;
    }

    public int getPurgeAfterDays() {
        return purgeAfterDays;
    }

    public void setPurgeAfterDays(int purgeAfterDays) {
        this.purgeAfterDays = purgeAfterDays;
    }
}

package org.passerelle.privacy;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.convert.DurationUnit;
import org.springframework.validation.annotation.Validated;

/**
 * {@code passerelle.privacy.*}: keys for patient phone numbers at rest and how long personal data is kept.
 * No default key outside the local profile: a deployment without keys refuses to start. Unknown settings
 * under the prefix stop the start too, so the former {@code purge-after-days} cannot be silently ignored.
 *
 * <p>Keys have ids so they can be rotated: every stored value names the key that made it ({@code k1:…}),
 * values are written with the current key and read with whichever key they name. The single-key settings
 * {@code phone-encryption-key} / {@code phone-hash-key} are the key with id {@value #SINGLE_KEY_ID}.
 *
 * @param phoneEncryptionKey AES-256 key, base64 (32 bytes): key {@value #SINGLE_KEY_ID} of the encryption keys
 * @param phoneHashKey HMAC-SHA256 key, base64 (at least 32 bytes): key {@value #SINGLE_KEY_ID} of the hash keys
 * @param phoneEncryptionKeys id → AES-256 key (base64, 32 bytes): the current one and older ones still read
 * @param phoneHashKeys id → HMAC-SHA256 key (base64, at least 32 bytes): the current one and older ones still
 *        looked up (opt-outs made under them)
 * @param currentEncryptionKey the id of the key new phone numbers are encrypted with
 * @param currentHashKey the id of the key new keyed hashes are made with
 * @param purgeAfter how long after the appointment its personal data (phone number) is purged; 0 to 3650 days,
 *        a bare number is days
 */
@Validated
@ConfigurationProperties(prefix = "passerelle.privacy", ignoreUnknownFields = false)
public record PrivacyProperties(
        String phoneEncryptionKey,
        String phoneHashKey,
        Map<String, String> phoneEncryptionKeys,
        Map<String, String> phoneHashKeys,
        @DefaultValue(SINGLE_KEY_ID) String currentEncryptionKey,
        @DefaultValue(SINGLE_KEY_ID) String currentHashKey,
        @NotNull(message = "passerelle.privacy.purge-after is required")
        @DefaultValue("7d") @DurationUnit(ChronoUnit.DAYS) Duration purgeAfter) {

    /** The id of the key given by a single-key setting, and of every value stored before keys had ids. */
    public static final String SINGLE_KEY_ID = "k1";
    private static final String KEY_ID = "[a-z0-9]{1,16}";
    private static final Duration LONGEST_PURGE_AFTER = Duration.ofDays(3650);

    /** Every encryption key by id: {@code phone-encryption-keys} plus {@code phone-encryption-key} as k1. */
    public Map<String, String> encryptionKeys() {
        return merged(phoneEncryptionKey, phoneEncryptionKeys);
    }

    /** Every hash key by id: {@code phone-hash-keys} plus {@code phone-hash-key} as k1. */
    public Map<String, String> hashKeys() {
        return merged(phoneHashKey, phoneHashKeys);
    }

    @AssertTrue(message = "passerelle.privacy.phone-encryption-keys (or phone-encryption-key) is required: "
            + "base64 of 32 random bytes per key id")
    public boolean isEncryptionKeyGiven() {
        return !encryptionKeys().isEmpty();
    }

    @AssertTrue(message = "passerelle.privacy.phone-hash-keys (or phone-hash-key) is required: "
            + "base64 of at least 32 random bytes per key id")
    public boolean isHashKeyGiven() {
        return !hashKeys().isEmpty();
    }

    @AssertTrue(message = "passerelle.privacy.phone-encryption-key is key k1: phone-encryption-keys.k1 cannot be given too")
    public boolean isEncryptionKeyK1Once() {
        return isBlank(phoneEncryptionKey) || phoneEncryptionKeys == null || !phoneEncryptionKeys.containsKey(SINGLE_KEY_ID);
    }

    @AssertTrue(message = "passerelle.privacy.phone-hash-key is key k1: phone-hash-keys.k1 cannot be given too")
    public boolean isHashKeyK1Once() {
        return isBlank(phoneHashKey) || phoneHashKeys == null || !phoneHashKeys.containsKey(SINGLE_KEY_ID);
    }

    @AssertTrue(message = "passerelle.privacy.phone-encryption-key(s) must be base64 of exactly 32 bytes, "
            + "under key ids of 1-16 lower-case letters or digits")
    public boolean isEncryptionKeyValid() {
        return encryptionKeys().entrySet().stream().allMatch(e -> e.getKey().matches(KEY_ID) && decodedLength(e.getValue()) == 32);
    }

    @AssertTrue(message = "passerelle.privacy.phone-hash-key(s) must be base64 of at least 32 bytes, "
            + "under key ids of 1-16 lower-case letters or digits")
    public boolean isHashKeyValid() {
        return hashKeys().entrySet().stream().allMatch(e -> e.getKey().matches(KEY_ID) && decodedLength(e.getValue()) >= 32);
    }

    @AssertTrue(message = "passerelle.privacy.current-encryption-key must name a key of phone-encryption-keys "
            + "(k1 is phone-encryption-key)")
    public boolean isCurrentEncryptionKeyKnown() {
        return encryptionKeys().isEmpty() || encryptionKeys().containsKey(currentEncryptionKey);
    }

    @AssertTrue(message = "passerelle.privacy.current-hash-key must name a key of phone-hash-keys (k1 is phone-hash-key)")
    public boolean isCurrentHashKeyKnown() {
        return hashKeys().isEmpty() || hashKeys().containsKey(currentHashKey);
    }

    @AssertTrue(message = "passerelle.privacy.purge-after must be between 0 and 3650d")
    public boolean isPurgeAfterSane() {
        return purgeAfter == null || !purgeAfter.isNegative() && purgeAfter.compareTo(LONGEST_PURGE_AFTER) <= 0;
    }

    private static Map<String, String> merged(String single, Map<String, String> byId) {
        Map<String, String> all = new LinkedHashMap<>();
        if (!isBlank(single)) {
            all.put(SINGLE_KEY_ID, single.trim());
        }
        if (byId != null) {
            byId.forEach((id, key) -> all.putIfAbsent(id, key == null ? "" : key.trim()));
        }
        return all;
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }

    private static int decodedLength(String b64) {
        try {
            return Base64.getDecoder().decode(b64.trim()).length;
        } catch (IllegalArgumentException e) {
            return -1;
        }
    }

    /** The keys are secrets: never in a log line or a failure report (their ids are not). */
    @Override
    public String toString() {
        return "PrivacyProperties[encryptionKeys=" + encryptionKeys().keySet() + " (secret), current=" + currentEncryptionKey
                + ", hashKeys=" + hashKeys().keySet() + " (secret), current=" + currentHashKey + ", purgeAfter=" + purgeAfter + "]";
    }
}

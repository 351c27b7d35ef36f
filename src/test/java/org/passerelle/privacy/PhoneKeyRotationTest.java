package org.passerelle.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.passerelle.testsupport.BoundProperties;

/** Keys carry ids: values name the key that made them, new values take the current key, old ones stay readable. */
class PhoneKeyRotationTest {

    private static final String ENC_1 = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";
    private static final String HASH_1 = "ICEiIyQlJicoKSorLC0uLzAxMjM0NTY3ODk6Ozw9Pj8=";
    private static final String ENC_2 = "QgVVRgR3bDXNak/BpbB2/Ih/GE04mlWcKLiw8vUJWcA=";
    private static final String HASH_2 = "sbYJvfsHIPiIg1ZhmukB6UBYoLmvWACpBmkmmTHopXw=";
    private static final String NUMBER = "+33612345678";

    private static PhoneProtection protection(Map<String, String> settings) {
        return new PhoneProtection(BoundProperties.bind(PrivacyProperties.class, settings));
    }

    private static final PhoneProtection BEFORE = protection(Map.of("phone-encryption-key", ENC_1, "phone-hash-key", HASH_1));

    /** Step 1 and 2 of the runbook: k2 added and made current, k1 kept for reading. */
    private static final PhoneProtection AFTER = protection(Map.of(
            "phone-encryption-key", ENC_1, "phone-hash-key", HASH_1,
            "phone-encryption-keys.k2", ENC_2, "phone-hash-keys.k2", HASH_2,
            "current-encryption-key", "k2", "current-hash-key", "k2"));

    @Test
    void theSingleKeySettingsAreKeyK1AndEveryValueNamesItsKey() {
        assertThat(BEFORE.encrypt(NUMBER)).startsWith("k1:");
        assertThat(BEFORE.hash(NUMBER)).startsWith("k1:").hasSize(3 + 64);
        assertThat(BEFORE.hashes(NUMBER)).containsExactly(BEFORE.hash(NUMBER));
    }

    @Test
    void afterSwitchingTheCurrentKeyNewValuesTakeItAndOldOnesAreStillRead() {
        String old = BEFORE.encrypt(NUMBER);
        String oldHash = BEFORE.hash(NUMBER);

        assertThat(AFTER.encrypt(NUMBER)).startsWith("k2:");
        assertThat(AFTER.decrypt(old)).isEqualTo(NUMBER);
        assertThat(AFTER.decrypt(AFTER.encrypt(NUMBER))).isEqualTo(NUMBER);
        assertThat(AFTER.hash(NUMBER)).startsWith("k2:").isNotEqualTo(oldHash);
        assertThat(AFTER.hashes(NUMBER)).as("current first, then every older key").containsExactly(AFTER.hash(NUMBER), oldHash);
        assertThat(AFTER.isHashOf(oldHash, NUMBER)).isTrue();
        assertThat(AFTER.isHashOf(oldHash, "+33612345679")).isFalse();
        assertThat(AFTER.isHashOf(null, NUMBER)).isFalse();
    }

    @Test
    void aRemovedKeyCannotReadWhatItMade() {
        PhoneProtection k2Only = protection(Map.of("phone-encryption-keys.k2", ENC_2, "phone-hash-keys.k2", HASH_2,
                "current-encryption-key", "k2", "current-hash-key", "k2"));
        String old = BEFORE.encrypt(NUMBER);
        assertThatThrownBy(() -> k2Only.decrypt(old)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("key id").hasMessageNotContaining(NUMBER);
        assertThat(k2Only.isHashOf(BEFORE.hash(NUMBER), NUMBER)).isFalse();
        assertThat(k2Only.hashes(NUMBER)).containsExactly(k2Only.hash(NUMBER));
    }

    @Test
    void theKeyIdsAreCheckedAndTheKeysNeverPrinted() {
        PrivacyProperties both = BoundProperties.bind(PrivacyProperties.class, Map.of(
                "phone-encryption-key", ENC_1, "phone-encryption-keys.k1", ENC_2, "phone-hash-key", HASH_1));
        assertThat(both.isEncryptionKeyK1Once()).isFalse();
        PrivacyProperties unknownCurrent = BoundProperties.bind(PrivacyProperties.class, Map.of(
                "phone-encryption-key", ENC_1, "phone-hash-key", HASH_1, "current-encryption-key", "k9"));
        assertThat(unknownCurrent.isCurrentEncryptionKeyKnown()).isFalse();
        assertThat(unknownCurrent.isCurrentHashKeyKnown()).isTrue();
        PrivacyProperties shortKey = BoundProperties.bind(PrivacyProperties.class, Map.of(
                "phone-encryption-keys.k2", "c2hvcnQ=", "phone-hash-key", HASH_1));
        assertThat(shortKey.isEncryptionKeyValid()).isFalse();
        assertThat(BoundProperties.bind(PrivacyProperties.class, Map.of(
                "phone-encryption-key", ENC_1, "phone-hash-keys.k2", HASH_2, "current-hash-key", "k2")).toString())
                .contains("k1", "k2").doesNotContain(ENC_1, HASH_2);
    }
}

package org.passerelle.sms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.passerelle.privacy.PhoneProtection;
import org.passerelle.privacy.PrivacyProperties;
import org.passerelle.scheduling.PhonePolicy.PhoneCheck;
import org.passerelle.scheduling.PhonePolicy.PhoneStatus;
import org.passerelle.testsupport.BoundProperties;

class PhoneNumbersTest {

    private final OptOutStore optOuts = mock(OptOutStore.class);
    private final PhoneNumbers numbers = new PhoneNumbers(protection(), optOuts);

    static PhoneProtection protection() {
        PrivacyProperties p = BoundProperties.bind(PrivacyProperties.class, Map.of(
                "phone-encryption-key", "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=",
                "phone-hash-key", "ICEiIyQlJicoKSorLC0uLzAxMjM0NTY3ODk6Ozw9Pj8="));
        return new PhoneProtection(p);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "06 12 34 56 78, +33612345678",
            "07.81.23.45.67, +33781234567",
            "+33 6 12 34 56 78, +33612345678",
            "0033612345678, +33612345678",
            "0692 65 43 21, +262692654321",   // Réunion
            "0693 12 34 56, +262693123456",   // Réunion
            "0639 69 12 34, +262639691234",   // Mayotte
            "0690 12 34 56, +590690123456",   // Guadeloupe
            "0696 12 34 56, +596696123456",   // Martinique
            "0694 12 34 56, +594694123456",   // Guyane
            "+687 75 12 34, +687751234",      // Nouvelle-Calédonie, no trunk 0
            "+689 87 12 34 56, +68987123456", // Polynésie
    })
    void mobileNumbersGetTheirOwnCountryCode(String raw, String e164) {
        PhoneCheck check = numbers.check(raw);
        assertThat(check.status()).isEqualTo(PhoneStatus.OK);
        assertThat(check.e164()).isEqualTo(e164);
        assertThat(check.hash()).startsWith("k1:").hasSize(67).doesNotContain(e164.substring(1));
    }

    @ParameterizedTest(name = "{0} refused: {1}")
    @CsvSource({
            "02 99 28 43 21, NOT_MOBILE",
            "01 44 55 66 77, NOT_MOBILE",
            "0262 12 34 56, NOT_MOBILE",
            "06 12, INVALID",
            "0612345678901234, INVALID",
            "pas un numero, INVALID",
            "'', MISSING",
    })
    void landlinesAndInvalidNumbersAreRefusedWithAReason(String raw, PhoneStatus status) {
        PhoneCheck check = numbers.check(raw);
        assertThat(check.status()).isEqualTo(status);
        assertThat(check.reason()).isNotBlank();
        assertThat(check.canReceive()).isFalse();
    }

    @Test
    void anOptedOutNumberIsRefused() {
        when(optOuts.isOptedOut(anyList())).thenReturn(true);
        assertThat(numbers.check("06 12 34 56 78").status()).isEqualTo(PhoneStatus.OPTED_OUT);
        verify(optOuts).isOptedOut(protection().hashes("+33612345678"));
    }

    @Test
    void smscAddressesAreReadAsInternationalWhenTheirTonSaysSo() {
        assertThat(PhoneNumbers.fromSmscAddress("33612345678", (byte) 1)).isEqualTo("+33612345678");
        assertThat(PhoneNumbers.fromSmscAddress("0612345678", (byte) 0)).isEqualTo("+33612345678");
        assertThat(PhoneNumbers.fromSmscAddress("", (byte) 1)).isNull();
    }

    @Test
    void maskingKeepsOnlyCountryCodeAndLastTwoDigits() {
        assertThat(PhoneProtection.mask("+33612345678")).isEqualTo("+33•••••••78").doesNotContain("1234");
    }

    @Test
    void encryptionRoundTripsAndNeverRepeatsItself() {
        PhoneProtection p = protection();
        String a = p.encrypt("+33612345678");
        String b = p.encrypt("+33612345678");
        assertThat(a).isNotEqualTo(b).doesNotContain("612345678");
        assertThat(p.decrypt(a)).isEqualTo("+33612345678");
        assertThat(p.hash("+33612345678")).isEqualTo(p.hash("+33612345678"));
    }
}

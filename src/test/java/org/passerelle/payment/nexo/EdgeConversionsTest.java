package org.passerelle.payment.nexo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Amounts and card fields converted or cleaned where they cross into nexo. */
class EdgeConversionsTest {

    @ParameterizedTest
    @CsvSource({"1234, EUR, 12.34", "1, EUR, 0.01", "1234, JPY, 1234", "1234, KWD, 1.234", "5000000, EUR, 50000.00"})
    void minorUnitsBecomeMajorUnitsWithTheCurrencysDigits(long minor, String currency, String major) {
        assertThat(NexoAmounts.toMajor(minor, currency)).isEqualByComparingTo(major);
        assertThat(NexoAmounts.toMinor(new BigDecimal(major), currency)).isEqualTo(minor);
    }

    @Test
    void moreDigitsThanTheCurrencyHasAreRefused() {
        assertThatThrownBy(() -> NexoAmounts.toMinor(new BigDecimal("12.345"), "EUR")).isInstanceOf(ArithmeticException.class);
    }

    @ParameterizedTest
    @CsvSource(nullValues = "-", value = {
            "4111111111111111, 411111******1111",
            "411111******1111, 411111******1111",
            "411111XXXXXX1111, 411111******1111",
            "5413 33** **** 4444, 541333******4444",
            "4970101234567893, 497010******7893",
            "1111, 1111",
            "****1111, ****1111",
            "abc, -",
            "-, -",
            "12345678901234567890123, -"})
    void panIsMaskedToFirstSixLastFourWhateverArrives(String raw, String masked) {
        assertThat(CardFields.maskPan(raw)).isEqualTo(masked);
    }

    @Test
    void fieldsThatCouldCarryACardNumberAreDropped() {
        assertThat(CardFields.scheme("visa")).isEqualTo("visa");
        assertThat(CardFields.scheme("cartebancaire")).isEqualTo("cartebancaire");
        assertThat(CardFields.scheme("cb 4970101234567893")).isNull();
        assertThat(CardFields.approvalCode("A1B2C3")).isEqualTo("A1B2C3");
        assertThat(CardFields.approvalCode("4970101234567893")).isNull();
        assertThat(CardFields.condition("Refusal")).isEqualTo("Refusal");
        assertThat(CardFields.condition("pan=4970101234567893&x")).isEqualTo("(unreadable)");
        assertThat(CardFields.condition("4970101234567893")).isEqualTo("(unreadable)");
        assertThat(CardFields.condition("WrongPIN")).isEqualTo("WrongPIN");
        assertThat(CardFields.transactionId("SBX985303")).isEqualTo("SBX985303");
    }
}

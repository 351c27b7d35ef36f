package org.passerelle.payment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Amounts as cashiers type them: a decimal comma or point, two decimals at most, positive, bounded. */
class CashierAmountTest {

    private static final long MAX = 5_000_000;

    @ParameterizedTest
    @CsvSource({"42,4200", "'42,5',4250", "'42,50',4250", "42.50,4250", "' 0,01 ',1", "'50000,00',5000000", "'007,10',710"})
    void readsWhatACashierTypes(String typed, long minor) {
        assertThat(CashierAmount.parse(typed, MAX)).isEqualTo(new CashierAmount.Parsed(minor, null));
    }

    @ParameterizedTest
    @CsvSource(value = {"''|EMPTY", "'  '|EMPTY", "-5|FORMAT", "4 250|FORMAT", "1.234,50|FORMAT", "42,|FORMAT", "abc|FORMAT",
            "42,505|DECIMALS", "0|ZERO", "0,00|ZERO", "50000,01|TOO_LARGE", "999999999999|TOO_LARGE", "1e3|FORMAT"}, delimiter = '|')
    void refusesWithTheReason(String typed, CashierAmount.Refusal refusal) {
        assertThat(CashierAmount.parse(typed, MAX).refusal()).isEqualTo(refusal);
    }

    @Test
    void showsAmountsInTheCashiersLanguage() {
        assertThat(CashierAmount.format(4250, Locale.FRENCH)).isEqualTo("42,50");
        assertThat(CashierAmount.format(4250, Locale.ENGLISH)).isEqualTo("42.50");
    }
}

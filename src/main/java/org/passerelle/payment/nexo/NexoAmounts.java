package org.passerelle.payment.nexo;

import java.math.BigDecimal;
import java.util.Currency;

/** Our API counts integer minor units; nexo writes decimal major units. Converted here and nowhere else. */
final class NexoAmounts {

    private NexoAmounts() {
    }

    /** 1234 EUR cents → 12.34; 1234 JPY → 1234. */
    public static BigDecimal toMajor(long minor, String currency) {
        return BigDecimal.valueOf(minor, digits(currency));
    }

    /** 12.34 EUR → 1234; throws ArithmeticException for 12.345 EUR (more digits than the currency has). */
    public static long toMinor(BigDecimal major, String currency) {
        return major.movePointRight(digits(currency)).longValueExact();
    }

    private static int digits(String currency) {
        int digits = Currency.getInstance(currency).getDefaultFractionDigits();
        if (digits < 0) {
            throw new IllegalArgumentException("Currency " + currency + " has no minor unit");
        }
        return digits;
    }
}

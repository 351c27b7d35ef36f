package org.passerelle.payment;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An amount as a cashier types it, in euros: {@code 42}, {@code 42,5}, {@code 42,50} or {@code 42.50} (a decimal
 * comma or point, at most two decimals, no sign, no thousands separator), turned into minor units, or the reason it
 * is refused, named by a message key of the bundle.
 */
final class CashierAmount {

    /** Why an amount is refused; each has its text {@code cashier.amount.<name>} in the bundle. */
    enum Refusal { EMPTY, FORMAT, DECIMALS, ZERO, TOO_LARGE }

    record Parsed(Long minor, Refusal refusal) {
        boolean ok() {
            return refusal == null;
        }
    }

    private static final Pattern AMOUNT = Pattern.compile("(\\d{1,12})(?:[.,](\\d+))?");

    private CashierAmount() {
    }

    static Parsed parse(String typed, long maxMinor) {
        String s = typed == null ? "" : typed.strip();
        if (s.isEmpty()) {
            return new Parsed(null, Refusal.EMPTY);
        }
        Matcher m = AMOUNT.matcher(s);
        if (!m.matches()) {
            return new Parsed(null, Refusal.FORMAT);
        }
        String cents = m.group(2) == null ? "" : m.group(2);
        if (cents.length() > 2) {
            return new Parsed(null, Refusal.DECIMALS);
        }
        long euros = Long.parseLong(m.group(1));
        if (euros > maxMinor / 100) {
            return new Parsed(null, Refusal.TOO_LARGE);
        }
        long minor = euros * 100 + (cents.isEmpty() ? 0 : Long.parseLong((cents + "0").substring(0, 2)));
        if (minor == 0) {
            return new Parsed(null, Refusal.ZERO);
        }
        if (minor > maxMinor) {
            return new Parsed(null, Refusal.TOO_LARGE);
        }
        return new Parsed(minor, null);
    }

    /** Minor units as the screen shows them: {@code 4250} → {@code 42,50} in French, {@code 42.50} in English. */
    static String format(long minor, java.util.Locale locale) {
        java.text.NumberFormat f = java.text.NumberFormat.getNumberInstance(locale);
        f.setMinimumFractionDigits(2);
        f.setMaximumFractionDigits(2);
        f.setGroupingUsed(true);
        return f.format(java.math.BigDecimal.valueOf(minor, 2));
    }
}

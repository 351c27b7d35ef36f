package org.passerelle.payment;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Spots a card number typed or scanned where it does not belong (the hospital reference), so it is
 * refused before anything is stored. A run of 13-19 digits (spaces or dashes allowed between them)
 * that passes the Luhn check is taken for a card number.
 */
final class CardNumbers {

    private static final Pattern DIGIT_RUN = Pattern.compile("\\d[\\d -]{11,}\\d");

    private CardNumbers() {
    }

    static boolean containsPan(String text) {
        if (text == null) {
            return false;
        }
        Matcher m = DIGIT_RUN.matcher(text);
        while (m.find()) {
            String digits = m.group().replaceAll("[ -]", "");
            if (digits.length() >= 13 && digits.length() <= 19 && luhn(digits)) {
                return true;
            }
        }
        return false;
    }

    private static boolean luhn(String digits) {
        int sum = 0;
        boolean twice = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
            if (twice) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            twice = !twice;
        }
        return sum % 10 == 0;
    }
}

package org.passerelle.privacy;

import java.util.ArrayList;
import java.util.List;

/**
 * The one place that spots a card number (PAN) typed or scanned where it does not belong, so free text
 * that holds one is refused before anything is stored or sent ({@link NoCardNumber} on every such field).
 *
 * <p>Text is read as digit <em>groups</em>: runs of digits (any script: {@code ４９７０} counts). Groups
 * separated only by characters that are neither letters nor digits (spaces, dots, slashes, colons, {@code _},
 * {@code #}, {@code =}, {@code ^}, any mix or run of them) belong to one sequence; a letter ends a sequence.
 * Any run of whole consecutive groups of a sequence whose digits, joined, are 13-19 long and pass the Luhn
 * check is a card number. So {@code 4970.1012.3456.7893}, {@code FAC 4970/1012/3456/7893 X},
 * {@code 4970_1012:3456#7893} and track data ({@code 4970101234567893=2812...}) are all caught, and so is a
 * card number next to other number groups ({@code 12 4970101234567893}).
 *
 * <p>False positives, accepted because they are the safe side: unrelated number groups that happen to make
 * 13-19 digits passing Luhn (about one in ten such runs), e.g. {@code 2026 0412 1430 55}. A reference like
 * {@code FAC-2026-004211} (10 digits) always passes. Not caught: a card number glued to other digits with no
 * separator in a run longer than 19 digits, or split by letters ({@code 4970a1012...}).
 */
final class CardNumbers {

    static final int MIN_DIGITS = 13;
    static final int MAX_DIGITS = 19;

    private CardNumbers() {
    }

    /** True when {@code text} holds something that must be taken for a card number. */
    static boolean containsPan(CharSequence text) {
        if (text == null) {
            return false;
        }
        List<String> groups = new ArrayList<>();
        StringBuilder group = new StringBuilder();
        for (int i = 0; i < text.length(); ) {
            int c = Character.codePointAt(text, i);
            i += Character.charCount(c);
            if (Character.isDigit(c)) {
                group.append((char) ('0' + Character.digit(c, 10)));
                continue;
            }
            if (!group.isEmpty()) {
                groups.add(group.toString());
                group.setLength(0);
            }
            if (Character.isLetter(c)) { // a letter ends the sequence; other characters only separate groups
                if (sequenceHoldsPan(groups)) {
                    return true;
                }
                groups.clear();
            }
        }
        if (!group.isEmpty()) {
            groups.add(group.toString());
        }
        return sequenceHoldsPan(groups);
    }

    private static boolean sequenceHoldsPan(List<String> groups) {
        for (int first = 0; first < groups.size(); first++) {
            StringBuilder joined = new StringBuilder();
            for (int last = first; last < groups.size() && joined.length() + groups.get(last).length() <= MAX_DIGITS; last++) {
                joined.append(groups.get(last));
                if (joined.length() >= MIN_DIGITS && luhn(joined)) {
                    return true;
                }
            }
        }
        return false;
    }

    static boolean luhn(CharSequence digits) {
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

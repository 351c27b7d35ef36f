package org.passerelle.payment.nexo;

import java.util.regex.Pattern;

/**
 * What we keep from a card, cleaned at the edge whatever the backend sends: a masked PAN with at most
 * the first 6 and last 4 digits, a scheme name and an authorisation code. A backend that sends a full
 * PAN still gets it masked here, before anything is stored or logged.
 */
final class CardFields {

    // compiled once: every answer from the terminal goes through these (String.matches compiles on each call)
    private static final Pattern SCHEME = Pattern.compile("[A-Za-z][A-Za-z0-9 _.-]{0,31}");
    private static final Pattern FIVE_DIGITS = Pattern.compile("\\d{5,}");
    private static final Pattern APPROVAL_CODE = Pattern.compile("[A-Za-z0-9]{1,8}");
    private static final Pattern CONDITION = Pattern.compile("[A-Za-z][A-Za-z0-9]{0,31}");
    private static final Pattern TRANSACTION_ID = Pattern.compile("[A-Za-z0-9._:+/-]{1,100}");
    private static final Pattern TIMESTAMP = Pattern.compile("[0-9T:.+Z-]{10,40}");

    private CardFields() {
    }

    /** Keeps digits 1-6 and the last 4, masks every other digit with '*'; null when nothing usable. */
    public static String maskPan(String raw) {
        if (raw == null) {
            return null;
        }
        StringBuilder kept = new StringBuilder();
        for (char c : raw.toCharArray()) {
            if ((c >= '0' && c <= '9') || c == '*' || c == 'X' || c == 'x') {
                kept.append(c >= '0' && c <= '9' ? c : '*');
            }
        }
        int digits = (int) kept.chars().filter(Character::isDigit).count();
        if (digits == 0 || kept.length() > 19 || kept.length() < 4) {
            return null;
        }
        StringBuilder masked = new StringBuilder(kept.length());
        int seen = 0;
        for (int i = 0; i < kept.length(); i++) {
            char c = kept.charAt(i);
            if (Character.isDigit(c)) {
                boolean keep = kept.length() >= 12 ? seen < 6 || i >= kept.length() - 4 : i >= kept.length() - 4;
                masked.append(keep ? c : '*');
                seen++;
            } else {
                masked.append('*');
            }
        }
        return masked.toString();
    }

    /** A brand name such as "visa", "mc" or "cartebancaire"; anything else (a digit run, say) is dropped. */
    public static String scheme(String raw) {
        return raw != null && SCHEME.matcher(raw).matches() && !FIVE_DIGITS.matcher(raw).find() ? raw : null;
    }

    /** Authorisation codes are short (6 characters in ISO 8583); a long value is not one and is dropped. */
    public static String approvalCode(String raw) {
        return raw != null && APPROVAL_CODE.matcher(raw).matches() ? raw : null;
    }

    /**
     * nexo ErrorCondition values are words (Refusal, Busy, ...); anything else, a digit run in particular
     * (a card number where it does not belong), is not kept verbatim.
     */
    public static String condition(String raw) {
        if (raw == null) {
            return null;
        }
        return CONDITION.matcher(raw).matches() && !FIVE_DIGITS.matcher(raw).find() ? raw : "(unreadable)";
    }

    /**
     * The terminal transaction reference, needed for refunds and reconciliation. Not filtered by the Luhn
     * test: PSP references are long digit runs that pass it by chance one time in ten.
     */
    public static String transactionId(String raw) {
        return raw != null && TRANSACTION_ID.matcher(raw).matches() ? raw : null;
    }

    public static String timestamp(String raw) {
        return raw != null && TIMESTAMP.matcher(raw).matches() ? raw : null;
    }
}

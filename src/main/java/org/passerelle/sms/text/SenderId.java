package org.passerelle.sms.text;

/**
 * The alphanumeric sender ID shown to patients instead of a number, under French operator
 * rules: 1 to 11 characters, ASCII letters and digits only, not all digits.
 *
 * <p>A numeric sender (a long number or short code) is deliberately not accepted here: those
 * are allocated by the operator and configured on the SMPP account, not typed in as a name.
 */
public final class SenderId {

    static final int MAX_LENGTH = 11;

    private SenderId() {
    }

    /** Returns the sender ID unchanged, or throws IllegalArgumentException saying which rule it breaks. */
    public static String validate(String senderId) {
        if (senderId == null || senderId.isEmpty()) {
            throw new IllegalArgumentException("sender ID is missing: 1 to " + MAX_LENGTH + " letters or digits are required");
        }
        if (senderId.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("sender ID has " + senderId.length()
                    + " characters; French operators accept at most " + MAX_LENGTH);
        }
        boolean hasLetter = false;
        for (int i = 0; i < senderId.length(); i++) {
            char c = senderId.charAt(i);
            if (isAsciiLetter(c)) {
                hasLetter = true;
            } else if (c < '0' || c > '9') {
                throw new IllegalArgumentException(String.format(
                        "sender ID may contain only ASCII letters and digits (no spaces, punctuation or accents);"
                                + " found U+%04X at position %d", (int) c, i + 1));
            }
        }
        if (!hasLetter) {
            throw new IllegalArgumentException(
                    "sender ID must not be all digits: numeric senders are not accepted as an alphanumeric sender ID");
        }
        return senderId;
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    }
}

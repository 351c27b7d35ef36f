package org.passerelle.sms.text;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The GSM 03.38 (3GPP TS 23.038) default alphabet and its extension table.
 *
 * <p>Only the standard tables: no national shift tables and no "helpful" look-alike
 * mappings. In particular lowercase {@code ç} is not encodable (code 0x09 is uppercase
 * {@code Ç}); turning one into the other is the {@link Transliterator}'s decision, never ours.
 */
public final class GsmAlphabet {

    /** Escape to the extension table; the next septet is an extension code. */
    static final byte ESCAPE = 0x1B;

    /** The basic table, indexed by septet. Position 0x1B is the escape, not a character. */
    private static final String BASIC =
            "@£$¥èéùìòÇ\nØø\rÅå"
            + "Δ_ΦΓΛΩΠΨΣΘΞ\u001BÆæßÉ"
            + " !\"#¤%&'()*+,-./"
            + "0123456789:;<=>?"
            + "¡ABCDEFGHIJKLMNO"
            + "PQRSTUVWXYZÄÖÑÜ§"
            + "¿abcdefghijklmno"
            + "pqrstuvwxyzäöñüà";

    private static final Map<Character, Byte> BASIC_CODES = new HashMap<>();
    private static final Map<Character, Byte> EXTENSION_CODES = new HashMap<>();
    private static final char[] EXTENSION_CHARS = new char[128];

    static {
        if (BASIC.length() != 128) {
            throw new IllegalStateException("GSM basic table must have 128 entries, has " + BASIC.length());
        }
        for (int septet = 0; septet < 128; septet++) {
            if (septet != ESCAPE) {
                BASIC_CODES.put(BASIC.charAt(septet), (byte) septet);
            }
        }
        extension('\f', 0x0A);
        extension('^', 0x14);
        extension('{', 0x28);
        extension('}', 0x29);
        extension('\\', 0x2F);
        extension('[', 0x3C);
        extension('~', 0x3D);
        extension(']', 0x3E);
        extension('|', 0x40);
        extension('€', 0x65);
    }

    private static void extension(char c, int code) {
        EXTENSION_CODES.put(c, (byte) code);
        EXTENSION_CHARS[code] = c;
    }

    private GsmAlphabet() {
    }

    /** True when every character is in the basic set or the extension table. */
    public static boolean isEncodable(String text) {
        Objects.requireNonNull(text, "text");
        for (int i = 0; i < text.length(); i++) {
            if (septetsOf(text.charAt(i)) == 0) {
                return false;
            }
        }
        return true;
    }

    /** Septets the text takes; an extension character costs two (escape + code). */
    public static int septetCount(String text) {
        Objects.requireNonNull(text, "text");
        int count = 0;
        for (int i = 0; i < text.length(); i++) {
            int septets = septetsOf(text.charAt(i));
            if (septets == 0) {
                throw notEncodable(text, i);
            }
            count += septets;
        }
        return count;
    }

    /** One byte per septet, extension characters as the pair 0x1B, code: what SMPP carries with data_coding 0. */
    public static byte[] toUnpackedSeptets(String text) {
        byte[] septets = new byte[septetCount(text)];
        int at = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            Byte basic = BASIC_CODES.get(c);
            if (basic != null) {
                septets[at++] = basic;
            } else {
                septets[at++] = ESCAPE;
                septets[at++] = EXTENSION_CODES.get(c);
            }
        }
        return septets;
    }

    /**
     * Decodes unpacked septets. As TS 23.038 asks of a receiver, an escape followed by a code
     * the extension table does not define shows the basic character for that code, and an
     * escape with nothing after it (or followed by another escape) shows a space.
     */
    public static String fromUnpackedSeptets(byte[] septets) {
        Objects.requireNonNull(septets, "septets");
        StringBuilder text = new StringBuilder(septets.length);
        for (int i = 0; i < septets.length; i++) {
            int septet = septetAt(septets, i);
            if (septet != ESCAPE) {
                text.append(BASIC.charAt(septet));
            } else if (i + 1 == septets.length) {
                text.append(' ');
            } else {
                int code = septetAt(septets, ++i);
                char extension = EXTENSION_CHARS[code];
                text.append(extension != 0 ? extension : code == ESCAPE ? ' ' : BASIC.charAt(code));
            }
        }
        return text.toString();
    }

    /** 1 for the basic set, 2 for the extension table, 0 when not in GSM-7 at all. */
    static int septetsOf(char c) {
        if (BASIC_CODES.containsKey(c)) {
            return 1;
        }
        return EXTENSION_CODES.containsKey(c) ? 2 : 0;
    }

    private static int septetAt(byte[] septets, int index) {
        int septet = septets[index];
        if (septet < 0) {
            throw new IllegalArgumentException(String.format(
                    "byte 0x%02X at index %d is not a septet (GSM-7 values are 0x00..0x7F)", septet & 0xFF, index));
        }
        return septet;
    }

    private static IllegalArgumentException notEncodable(String text, int index) {
        return new IllegalArgumentException(String.format(
                "character U+%04X at index %d is not in the GSM 03.38 alphabet", (int) text.charAt(index), index));
    }
}

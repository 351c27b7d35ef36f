package org.passerelle.sms.text;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The encoded bytes of a whole text, and where they may be cut into parts. */
record SmsPayload(SmsEncoding encoding, byte[] bytes) {

    static SmsPayload gsm7(String text) {
        return new SmsPayload(SmsEncoding.GSM7, GsmAlphabet.toUnpackedSeptets(text));
    }

    static SmsPayload ucs2(String text) {
        requireWellFormedUtf16(text);
        byte[] bytes = new byte[text.length() * 2];
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            bytes[2 * i] = (byte) (c >> 8);
            bytes[2 * i + 1] = (byte) c;
        }
        return new SmsPayload(SmsEncoding.UCS2, bytes);
    }

    /** Septets (GSM-7) or UTF-16 code units (UCS-2). */
    int units() {
        return encoding == SmsEncoding.GSM7 ? bytes.length : bytes.length / 2;
    }

    /** Splits into parts of at most {@code maxUnits}, never inside an escape pair or a surrogate pair. */
    List<byte[]> split(int maxUnits) {
        int maxBytes = encoding == SmsEncoding.GSM7 ? maxUnits : maxUnits * 2;
        List<byte[]> parts = new ArrayList<>();
        int start = 0;
        while (start < bytes.length) {
            int end = Math.min(start + maxBytes, bytes.length);
            while (end < bytes.length && !canCutBefore(end)) {
                end--;
            }
            if (end == start) {
                throw new IllegalStateException("no place to cut within " + maxUnits + " units");
            }
            parts.add(Arrays.copyOfRange(bytes, start, end));
            start = end;
        }
        return parts;
    }

    private boolean canCutBefore(int index) {
        if (encoding == SmsEncoding.GSM7) {
            // 0x1B is only ever written as the first half of an escape pair.
            return bytes[index - 1] != GsmAlphabet.ESCAPE;
        }
        if (index % 2 != 0) {
            return false;
        }
        char previous = (char) (((bytes[index - 2] & 0xFF) << 8) | (bytes[index - 1] & 0xFF));
        return !Character.isHighSurrogate(previous);
    }

    private static void requireWellFormedUtf16(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new IllegalArgumentException("text has an unpaired UTF-16 surrogate at index " + i);
            }
        }
    }
}

package org.passerelle.sms.text;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Test helper: reads segments back the way a handset does. */
final class Segments {

    private Segments() {
    }

    /** Strips the concatenation header (when the message has several parts). */
    static byte[] payloadOf(EncodedSms sms, int index) {
        byte[] segment = sms.segments().get(index);
        return sms.concatenated() ? Arrays.copyOfRange(segment, ConcatenationHeader.LENGTH, segment.length) : segment;
    }

    /** Units (septets or UTF-16 code units) carried by one part. */
    static int unitsOf(EncodedSms sms, int index) {
        int bytes = payloadOf(sms, index).length;
        return sms.encoding() == SmsEncoding.GSM7 ? bytes : bytes / 2;
    }

    static String decode(EncodedSms sms) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < sms.segmentCount(); i++) {
            byte[] payload = payloadOf(sms, i);
            text.append(sms.encoding() == SmsEncoding.GSM7
                    ? GsmAlphabet.fromUnpackedSeptets(payload)
                    : new String(payload, StandardCharsets.UTF_16BE));
        }
        return text.toString();
    }
}

package org.passerelle.sms.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Turns a text into SMPP short_message payloads: GSM-7 when every character fits, UCS-2
 * otherwise, split into concatenated parts when it does not fit in one SMS.
 *
 * <p>With transliteration on, the transliterated text is used when it fits GSM-7. When it
 * still does not (an emoji, another script), the original text is sent in UCS-2: once UCS-2
 * is paid for, there is no reason to lose the accents.
 */
public final class SmsEncoder {

    static final int GSM7_SINGLE = 160;
    static final int GSM7_PART = 153;
    static final int UCS2_SINGLE = 70;
    static final int UCS2_PART = 67;
    static final int MAX_PARTS = 255;

    private final boolean transliterate;

    public SmsEncoder(boolean transliterate) {
        this.transliterate = transliterate;
    }

    /**
     * @param concatReference reference shared by the parts of this message; only its low 8 bits
     *                        are sent, so callers should vary it between messages to one phone
     * @throws IllegalArgumentException when the text is empty or needs more than 255 parts
     */
    public EncodedSms encode(String text, int concatReference) {
        requireNotEmpty(text);
        SmsPayload payload = payloadOf(text);
        List<byte[]> parts = partsOf(payload);
        if (parts.size() > MAX_PARTS) {
            throw new IllegalArgumentException("text needs " + parts.size() + " SMS parts in "
                    + payload.encoding() + " (" + payload.units() + " units); at most " + MAX_PARTS + " can be concatenated");
        }
        return new EncodedSms(payload.encoding(), payload.units(), withHeaders(parts, concatReference));
    }

    /** The encoding a text needs as it is, without transliteration; an empty text is GSM-7. */
    public static SmsEncoding encodingOf(String text) {
        return GsmAlphabet.isEncodable(text) ? SmsEncoding.GSM7 : SmsEncoding.UCS2;
    }

    /**
     * How many SMS {@link #encode} would send, for previews. Unlike encode, it accepts any
     * length (an empty text is 0 SMS, an overlong one reports its count above 255).
     */
    public int segmentCount(String text) {
        Objects.requireNonNull(text, "text");
        return text.isEmpty() ? 0 : partsOf(payloadOf(text)).size();
    }

    private SmsPayload payloadOf(String text) {
        if (transliterate) {
            String transliterated = Transliterator.toGsm(text);
            if (GsmAlphabet.isEncodable(transliterated)) {
                return SmsPayload.gsm7(transliterated);
            }
        }
        return encodingOf(text) == SmsEncoding.GSM7 ? SmsPayload.gsm7(text) : SmsPayload.ucs2(text);
    }

    private static List<byte[]> partsOf(SmsPayload payload) {
        boolean gsm7 = payload.encoding() == SmsEncoding.GSM7;
        if (payload.units() <= (gsm7 ? GSM7_SINGLE : UCS2_SINGLE)) {
            return List.of(payload.bytes());
        }
        return payload.split(gsm7 ? GSM7_PART : UCS2_PART);
    }

    private static List<byte[]> withHeaders(List<byte[]> parts, int concatReference) {
        if (parts.size() == 1) {
            return parts;
        }
        List<byte[]> segments = new ArrayList<>(parts.size());
        for (int i = 0; i < parts.size(); i++) {
            segments.add(ConcatenationHeader.prepend(concatReference, parts.size(), i + 1, parts.get(i)));
        }
        return segments;
    }

    private static void requireNotEmpty(String text) {
        Objects.requireNonNull(text, "text");
        if (text.isEmpty()) {
            throw new IllegalArgumentException("an SMS text cannot be empty");
        }
    }
}

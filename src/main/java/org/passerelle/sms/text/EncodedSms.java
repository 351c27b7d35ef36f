package org.passerelle.sms.text;

import java.util.List;
import java.util.Objects;

/**
 * A text ready for SMPP.
 *
 * @param encoding how the payloads are encoded; its {@link SmsEncoding#dataCoding()} goes in data_coding
 * @param units    length of the whole text: septets (GSM-7) or UTF-16 code units (UCS-2)
 * @param segments short_message payloads in sending order; when there is more than one, each
 *                 starts with the 6-byte concatenation UDH and must be sent with the UDHI bit
 *                 (esm_class 0x40) set
 */
public record EncodedSms(SmsEncoding encoding, int units, List<byte[]> segments) {

    public EncodedSms {
        Objects.requireNonNull(encoding, "encoding");
        if (units < 1) {
            throw new IllegalArgumentException("units must be at least 1, got " + units);
        }
        segments = List.copyOf(segments);
        if (segments.isEmpty()) {
            throw new IllegalArgumentException("an SMS has at least one segment");
        }
    }

    public int segmentCount() {
        return segments.size();
    }

    /** True when the text is sent as several parts, each carrying a concatenation UDH. */
    public boolean concatenated() {
        return segments.size() > 1;
    }
}

package org.passerelle.scheduling.hl7;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Builds original-mode ACKs: the MSH answers the sender (sending and receiving application and
 * facility swapped, {@code ACK^<trigger>^ACK}), MSA-2 names the message acknowledged, and an AE or AR
 * carries MSA-3 and an ERR segment (ERR-2 location, ERR-3 code from table 0357, ERR-4 severity E,
 * ERR-8 user message). Written in the sender's own delimiters, so its header fields are copied as is.
 */
final class Acknowledgement {

    private static final DateTimeFormatter HL7_TS = DateTimeFormatter.ofPattern("yyyyMMddHHmmssZ");

    private Acknowledgement() {
    }

    /**
     * @param header the message's MSH, or null when none could be read (a minimal ACK then)
     * @param text   MSA-3 / ERR-8; never patient data
     * @param error  ERR-3 for AE/AR, null for AA
     */
    public static String build(MessageHeader header, AckCode code, String text, Hl7ErrorCode error,
                               Hl7Rejection.ErrorLocation location, ZonedDateTime now) {
        char fs = header == null ? '|' : header.fieldSeparator();
        String enc = header == null ? MessageHeader.DEFAULT_ENCODING_CHARACTERS : header.encodingCharacters();
        char cs = enc.charAt(0);
        String trigger = header == null ? "" : header.triggerEvent();
        String version = header == null || header.version().isEmpty() ? "2.5" : header.version();
        String processing = header == null || header.processingId().isEmpty() ? "P" : header.processingId();

        StringBuilder ack = new StringBuilder(256);
        ack.append("MSH").append(fs).append(enc)
                .append(fs).append(header == null ? "" : header.receivingApplication())
                .append(fs).append(header == null ? "" : header.receivingFacility())
                .append(fs).append(header == null ? "" : header.sendingApplication())
                .append(fs).append(header == null ? "" : header.sendingFacility())
                .append(fs).append(HL7_TS.format(now))
                .append(fs)
                .append(fs).append("ACK").append(cs).append(escape(trigger, fs, enc)).append(cs).append("ACK")
                .append(fs).append(newControlId())
                .append(fs).append(processing)
                .append(fs).append(version)
                .append('\r');
        ack.append("MSA").append(fs).append(code.name())
                .append(fs).append(header == null ? "" : header.controlId());
        if (text != null && !text.isEmpty()) {
            ack.append(fs).append(escape(text, fs, enc));
        }
        ack.append('\r');
        if (error != null) {
            ack.append("ERR").append(fs);
            if (location != null) {
                ack.append(fs).append(location.segment()).append(cs).append(location.sequence());
                if (location.field() > 0) {
                    ack.append(cs).append(location.field());
                }
            } else {
                ack.append(fs);
            }
            ack.append(fs).append(error.code()).append(cs).append(escape(error.text(), fs, enc)).append(cs).append("HL70357")
                    .append(fs).append('E')
                    .append(fs).append(fs).append(fs).append(fs)
                    .append(escape(text == null ? error.text() : text, fs, enc))
                    .append('\r');
        }
        return ack.toString();
    }

    private static String newControlId() {
        // MSH-10 is ST(20) in v2.5: 80 random bits as hex. Not a secret, only unique: no SecureRandom, whose
        // lock every connection would queue on
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return String.format("%016x%04x", random.nextLong(), random.nextInt(0x10000));
    }

    /** HL7 escape sequences for the delimiters; line breaks become spaces. */
    static String escape(String text, char fs, String enc) {
        char cs = enc.charAt(0);
        char rs = enc.length() > 1 ? enc.charAt(1) : '~';
        char esc = enc.length() > 2 ? enc.charAt(2) : '\\';
        char ss = enc.length() > 3 ? enc.charAt(3) : '&';
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (char c : text.toCharArray()) {
            if (c == esc) {
                out.append(esc).append('E').append(esc);
            } else if (c == fs) {
                out.append(esc).append('F').append(esc);
            } else if (c == cs) {
                out.append(esc).append('S').append(esc);
            } else if (c == rs) {
                out.append(esc).append('R').append(esc);
            } else if (c == ss) {
                out.append(esc).append('T').append(esc);
            } else if (c == '\r' || c == '\n') {
                out.append(' ');
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}

package org.passerelle.scheduling.hl7;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The MSH of a received message, read by hand so that even a message HAPI cannot parse gets an ACK
 * that names it. Fields keep the sender's encoding: they are copied into the ACK as they came.
 */
record MessageHeader(
        char fieldSeparator,
        String encodingCharacters,
        String sendingApplication,   // MSH-3
        String sendingFacility,      // MSH-4
        String receivingApplication, // MSH-5
        String receivingFacility,    // MSH-6
        String messageType,          // MSH-9.1
        String triggerEvent,         // MSH-9.2
        String controlId,            // MSH-10
        String processingId,         // MSH-11
        String version) {            // MSH-12.1

    public static final String DEFAULT_ENCODING_CHARACTERS = "^~\\&";

    /** The MSH of {@code message} (segments already split by CR), or empty when there is none to read. */
    public static Optional<MessageHeader> salvage(String message) {
        if (message == null || message.length() < 8 || !message.startsWith("MSH")) {
            return Optional.empty();
        }
        char fs = message.charAt(3);
        if (Character.isLetterOrDigit(fs) || Character.isWhitespace(fs) || Character.isISOControl(fs)) {
            return Optional.empty();
        }
        int end = message.indexOf('\r');
        String segment = end < 0 ? message : message.substring(0, end);
        List<String> fields = split(segment, fs); // [0]="MSH", [1]=MSH-2, [n-1]=MSH-n
        String encoding = field(fields, 2);
        if (encoding.isEmpty() || encoding.length() > 5 || encoding.indexOf(fs) >= 0) {
            return Optional.empty();
        }
        char component = encoding.charAt(0);
        List<String> type = split(field(fields, 9), component);
        return Optional.of(new MessageHeader(fs, encoding, field(fields, 3), field(fields, 4), field(fields, 5),
                field(fields, 6), part(type, 0), part(type, 1), field(fields, 10).trim(), field(fields, 11),
                part(split(field(fields, 12), component), 0)));
    }

    public char componentSeparator() {
        return encodingCharacters.charAt(0);
    }

    private static String field(List<String> fields, int mshField) {
        return mshField - 1 < fields.size() ? fields.get(mshField - 1) : "";
    }

    private static String part(List<String> parts, int index) {
        return index < parts.size() ? parts.get(index).trim() : "";
    }

    private static List<String> split(String s, char separator) {
        List<String> out = new ArrayList<>();
        int from = 0;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == separator) {
                out.add(s.substring(from, i));
                from = i + 1;
            }
        }
        out.add(s.substring(from));
        return out;
    }
}

package org.passerelle.testsupport.smsc;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The de facto standard delivery receipt text (SMPP 3.4 appendix B), as {@link TestSmsc} puts it
 * in the short_message of a receipt deliver_sm:
 * <pre>id:A1B2C3D4 sub:001 dlvrd:001 submit date:2611281405 done date:2611281405 stat:DELIVRD err:000 text:</pre>
 * The {@code text:} field is left empty on purpose (real SMSCs copy the first 20 characters of the
 * message there; ours must never need them). Dates are {@code yyMMddHHmm} in the JVM's zone, which
 * is how jSMPP parses them.
 */
public final class ReceiptText {

    /** Final states an SMSC reports in {@code stat:}. */
    public static final String DELIVRD = "DELIVRD";
    public static final String EXPIRED = "EXPIRED";
    public static final String DELETED = "DELETED";
    public static final String UNDELIV = "UNDELIV";
    public static final String ACCEPTD = "ACCEPTD";
    public static final String UNKNOWN = "UNKNOWN";
    public static final String REJECTD = "REJECTD";

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyMMddHHmm", Locale.ROOT);

    private ReceiptText() {
    }

    /** Receipt text with {@code sub:001}, {@code dlvrd:001} only for DELIVRD, dates in the JVM zone. */
    public static String format(String messageId, String stat, String err, ZonedDateTime submitDate, ZonedDateTime doneDate) {
        String dlvrd = DELIVRD.equals(stat) ? "001" : "000";
        return "id:" + messageId
                + " sub:001"
                + " dlvrd:" + dlvrd
                + " submit date:" + DATE.format(submitDate.withZoneSameInstant(ZoneId.systemDefault()))
                + " done date:" + DATE.format(doneDate.withZoneSameInstant(ZoneId.systemDefault()))
                + " stat:" + stat
                + " err:" + err
                + " text:";
    }

    /**
     * The SMPP 3.4 message_state value (TLV 0x0427) matching a {@code stat:} word: ENROUTE 1,
     * DELIVERED 2, EXPIRED 3, DELETED 4, UNDELIVERABLE 5, ACCEPTED 6, UNKNOWN 7, REJECTED 8.
     */
    public static byte messageState(String stat) {
        return switch (stat) {
            case "ENROUTE" -> 1;
            case DELIVRD -> 2;
            case EXPIRED -> 3;
            case DELETED -> 4;
            case UNDELIV -> 5;
            case ACCEPTD -> 6;
            case REJECTD -> 8;
            default -> 7;
        };
    }
}

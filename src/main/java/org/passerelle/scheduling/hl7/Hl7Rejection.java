package org.passerelle.scheduling.hl7;

/**
 * A message that is not applied, with what the ACK says about it. The text goes back to the sender
 * (MSA-3, ERR-8) and into the log, so it names fields, never their content.
 *
 * @param location ERR-2 as segment, sequence and field (e.g. {@code SCH 1 1}), or null
 */
class Hl7Rejection extends RuntimeException {

    private final AckCode ackCode;
    private final Hl7ErrorCode errorCode;
    private final ErrorLocation location;

    public Hl7Rejection(AckCode ackCode, Hl7ErrorCode errorCode, ErrorLocation location, String text) {
        super(text, null, false, false);
        if (ackCode == AckCode.AA) {
            throw new IllegalArgumentException("a rejection is AE or AR");
        }
        this.ackCode = ackCode;
        this.errorCode = errorCode;
        this.location = location;
    }

    public static Hl7Rejection error(Hl7ErrorCode code, ErrorLocation location, String text) {
        return new Hl7Rejection(AckCode.AE, code, location, text);
    }

    public static Hl7Rejection reject(Hl7ErrorCode code, ErrorLocation location, String text) {
        return new Hl7Rejection(AckCode.AR, code, location, text);
    }

    public AckCode ackCode() {
        return ackCode;
    }

    public Hl7ErrorCode errorCode() {
        return errorCode;
    }

    public ErrorLocation location() {
        return location;
    }

    /** ERR-2 (ERL): segment id, segment sequence, field position (0 = the whole segment). */
    public record ErrorLocation(String segment, int sequence, int field) {
        public static ErrorLocation of(String segment, int field) {
            return new ErrorLocation(segment, 1, field);
        }
    }
}

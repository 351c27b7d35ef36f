package org.passerelle.scheduling.hl7;

/** MSA-1 acknowledgment codes (HL7 table 0008, original mode). */
enum AckCode {
    /** Accepted: the message was applied and its effect is stored. */
    AA,
    /**
     * Application error: the content is wrong (unparseable, too long, invalid or missing fields); resending it
     * unchanged will fail again.
     */
    AE,
    /**
     * Application reject: not an SIU message handled here (no MSH, unsupported type or event, no control id), or,
     * with ERR-3 207 only, intake suspended or an internal failure: the sender may resend later.
     */
    AR
}

package org.passerelle.scheduling.hl7;

/** MSA-1 acknowledgment codes (HL7 table 0008, original mode). */
enum AckCode {
    /** Accepted: the message was applied and its effect is stored. */
    AA,
    /** Application error: the content is wrong; resending it unchanged will fail again. */
    AE,
    /** Application reject: structure, unsupported type/event, or intake closed; the sender may resend. */
    AR
}

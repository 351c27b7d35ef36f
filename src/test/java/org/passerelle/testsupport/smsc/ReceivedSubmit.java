package org.passerelle.testsupport.smsc;

import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;

/**
 * One submit_sm as {@link TestSmsc} received it, frozen at arrival. Immutable: the byte array is
 * copied on the way in and on the way out.
 *
 * @param sequenceNumber      the PDU sequence number chosen by the ESME
 * @param messageId           the message id the SMSC returned in submit_sm_resp; {@code null} when
 *                            the submit was refused (non-zero status) or left unanswered
 * @param commandStatus       the command_status sent back in submit_sm_resp, or
 *                            {@link #NO_RESPONSE} when the plan said to drop the response
 * @param systemId            system id of the session the submit came in on
 * @param sourceAddr          source_addr
 * @param sourceTon           source_addr_ton
 * @param sourceNpi           source_addr_npi
 * @param destAddr            destination_addr
 * @param destTon             dest_addr_ton
 * @param destNpi             dest_addr_npi
 * @param esmClass            esm_class (0x40 = UDHI)
 * @param dataCoding          data_coding (0 = SMSC default alphabet, 8 = UCS-2, ...)
 * @param registeredDelivery  registered_delivery (bit 0x01 asks for a final receipt)
 * @param shortMessage        short_message as sent; when short_message was empty and the
 *                            message_payload TLV was used instead, the TLV value
 * @param receivedAt          when the PDU was handed to the SMSC logic
 */
public record ReceivedSubmit(
        int sequenceNumber,
        String messageId,
        int commandStatus,
        String systemId,
        String sourceAddr,
        byte sourceTon,
        byte sourceNpi,
        String destAddr,
        byte destTon,
        byte destNpi,
        byte esmClass,
        byte dataCoding,
        byte registeredDelivery,
        byte[] shortMessage,
        Instant receivedAt) {

    /** {@link #commandStatus()} of a submit whose response was deliberately not sent. */
    public static final int NO_RESPONSE = -1;

    public ReceivedSubmit {
        shortMessage = shortMessage == null ? new byte[0] : shortMessage.clone();
    }

    /** A copy of the raw short_message bytes (UDH included when {@link #udhi()}). */
    @Override
    public byte[] shortMessage() {
        return shortMessage.clone();
    }

    /** Whether the SMSC answered with status 0 (and so assigned {@link #messageId()}). */
    public boolean accepted() {
        return commandStatus == 0;
    }

    /** Whether esm_class carries the UDH indicator (0x40). */
    public boolean udhi() {
        return (esmClass & 0x40) != 0;
    }

    /** Whether registered_delivery asks for a final delivery receipt (bit 0x01). */
    public boolean receiptRequested() {
        return (registeredDelivery & 0x01) != 0;
    }

    /**
     * The user data header, <em>including</em> its leading length byte (UDHL), e.g.
     * {@code 05 00 03 ref total seq}; an empty array when there is no UDHI. A UDHL that runs past
     * the end of the message is clamped.
     */
    public byte[] udh() {
        if (!udhi() || shortMessage.length == 0) {
            return new byte[0];
        }
        int end = Math.min(shortMessage.length, 1 + (shortMessage[0] & 0xFF));
        return Arrays.copyOfRange(shortMessage, 0, end);
    }

    /** The user data without the UDH (all of short_message when there is no UDHI). */
    public byte[] payload() {
        return Arrays.copyOfRange(shortMessage, udh().length, shortMessage.length);
    }

    /**
     * The concatenation information element of the UDH (IEI 0x00, 8-bit reference, or 0x08,
     * 16-bit reference), if any.
     */
    public Optional<Concat> concat() {
        byte[] udh = udh();
        int i = 1;
        while (i + 1 < udh.length) {
            int iei = udh[i] & 0xFF;
            int len = udh[i + 1] & 0xFF;
            int data = i + 2;
            if (data + len > udh.length) {
                break;
            }
            if (iei == 0x00 && len == 3) {
                return Optional.of(new Concat(udh[data] & 0xFF, udh[data + 1] & 0xFF, udh[data + 2] & 0xFF));
            }
            if (iei == 0x08 && len == 4) {
                int ref = ((udh[data] & 0xFF) << 8) | (udh[data + 1] & 0xFF);
                return Optional.of(new Concat(ref, udh[data + 2] & 0xFF, udh[data + 3] & 0xFF));
            }
            i = data + len;
        }
        return Optional.empty();
    }

    /** Concatenated-SMS header: reference, total number of parts, this part's number (1-based). */
    public record Concat(int reference, int total, int part) {
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ReceivedSubmit r
                && sequenceNumber == r.sequenceNumber
                && commandStatus == r.commandStatus
                && java.util.Objects.equals(messageId, r.messageId)
                && java.util.Objects.equals(systemId, r.systemId)
                && java.util.Objects.equals(sourceAddr, r.sourceAddr)
                && sourceTon == r.sourceTon && sourceNpi == r.sourceNpi
                && java.util.Objects.equals(destAddr, r.destAddr)
                && destTon == r.destTon && destNpi == r.destNpi
                && esmClass == r.esmClass && dataCoding == r.dataCoding
                && registeredDelivery == r.registeredDelivery
                && Arrays.equals(shortMessage, r.shortMessage)
                && java.util.Objects.equals(receivedAt, r.receivedAt);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(sequenceNumber, messageId, destAddr, receivedAt) * 31
                + Arrays.hashCode(shortMessage);
    }

    /** Masks the destination and leaves the text out: test reports must not carry patient data. */
    @Override
    public String toString() {
        return "ReceivedSubmit[seq=" + sequenceNumber
                + ", messageId=" + messageId
                + ", status=" + (commandStatus == NO_RESPONSE ? "none" : String.format("0x%02X", commandStatus))
                + ", dest=" + mask(destAddr)
                + ", esmClass=" + String.format("0x%02X", esmClass)
                + ", dataCoding=" + String.format("0x%02X", dataCoding)
                + ", registeredDelivery=" + registeredDelivery
                + ", bytes=" + shortMessage.length + "]";
    }

    static String mask(String addr) {
        if (addr == null || addr.length() <= 2) {
            return "**";
        }
        return "*".repeat(addr.length() - 2) + addr.substring(addr.length() - 2);
    }
}

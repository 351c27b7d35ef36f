package org.passerelle.sms.text;

/**
 * The user data header of a concatenated SMS part, 8-bit reference variant (TS 23.040 IEI 0x00):
 * UDHL 0x05, IEI 0x00, IEDL 0x03, reference, total parts, part number from 1.
 */
final class ConcatenationHeader {

    static final int LENGTH = 6;

    private ConcatenationHeader() {
    }

    static byte[] prepend(int reference, int total, int sequence, byte[] payload) {
        byte[] segment = new byte[LENGTH + payload.length];
        segment[0] = 0x05;
        segment[1] = 0x00;
        segment[2] = 0x03;
        segment[3] = (byte) (reference & 0xFF);
        segment[4] = (byte) total;
        segment[5] = (byte) sequence;
        System.arraycopy(payload, 0, segment, LENGTH, payload.length);
        return segment;
    }
}

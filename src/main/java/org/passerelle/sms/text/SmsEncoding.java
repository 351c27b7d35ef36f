package org.passerelle.sms.text;

/** How an SMS text travels: the SMSC's GSM 03.38 default alphabet or UCS-2 (UTF-16BE). */
public enum SmsEncoding {
    /** GSM 03.38 default alphabet, sent as unpacked septets (one per byte). */
    GSM7((byte) 0x00),
    /** UTF-16 big-endian; Java chars go out as they are, surrogate pairs included. */
    UCS2((byte) 0x08);

    private final byte dataCoding;

    SmsEncoding(byte dataCoding) {
        this.dataCoding = dataCoding;
    }

    /** The SMPP {@code data_coding} value that announces this encoding. */
    public byte dataCoding() {
        return dataCoding;
    }
}

package org.passerelle.scheduling.hl7;

/** ERR-3 error codes used here (HL7 table 0357, message error condition codes). */
enum Hl7ErrorCode {
    SEGMENT_SEQUENCE_ERROR(100, "Segment sequence error"),
    REQUIRED_FIELD_MISSING(101, "Required field missing"),
    DATA_TYPE_ERROR(102, "Data type error"),
    TABLE_VALUE_NOT_FOUND(103, "Table value not found"),
    UNSUPPORTED_MESSAGE_TYPE(200, "Unsupported message type"),
    UNSUPPORTED_EVENT_CODE(201, "Unsupported event code"),
    APPLICATION_INTERNAL_ERROR(207, "Application internal error");

    private final int code;
    private final String text;

    Hl7ErrorCode(int code, String text) {
        this.code = code;
        this.text = text;
    }

    public int code() {
        return code;
    }

    public String text() {
        return text;
    }
}

package org.passerelle.scheduling.hl7;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * HL7 messages applied, keyed by sending facility (MSH-4) and control id (MSH-10), so a resend is
 * acknowledged again without being applied twice. Only accepted (AA) messages are recorded: after an
 * AE or AR the sender may fix and resend under the same control id. Callers own the transaction.
 */
@Repository
class Hl7MessageLog {

    /** What was answered the first time. */
    public record Applied(AckCode ackCode, String ackText, Instant receivedAt) {
    }

    private final JdbcClient jdbc;

    public Hl7MessageLog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Applied> find(String sendingFacility, String controlId) {
        return jdbc.sql("""
                select ack_code, ack_text, received_at from hl7_message
                where sending_facility = :facility and control_id = :controlId""")
                .param("facility", sendingFacility).param("controlId", controlId)
                .query((rs, n) -> new Applied(AckCode.valueOf(rs.getString("ack_code")), rs.getString("ack_text"),
                        rs.getObject("received_at", java.time.OffsetDateTime.class).toInstant()))
                .optional();
    }

    /** Fails with a DuplicateKeyException when the same message was recorded concurrently. */
    public void record(String sendingFacility, String controlId, Instant receivedAt, AckCode ackCode, String ackText) {
        jdbc.sql("""
                insert into hl7_message (sending_facility, control_id, received_at, ack_code, ack_text)
                values (:facility, :controlId, :receivedAt, :ackCode, :ackText)""")
                .param("facility", sendingFacility)
                .param("controlId", controlId)
                .param("receivedAt", receivedAt.atOffset(ZoneOffset.UTC))
                .param("ackCode", ackCode.name())
                .param("ackText", ackText == null ? null : ackText.length() > 200 ? ackText.substring(0, 200) : ackText)
                .update();
    }
}

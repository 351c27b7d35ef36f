package org.passerelle.scheduling.hl7;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
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

    /** A message accepted, to record with others ({@link #recordAll}). */
    public record Accepted(String sendingFacility, String controlId, String ackText) {
    }

    private static final String INSERT = """
            insert into hl7_message (sending_facility, control_id, received_at, ack_code, ack_text)
            values (:facility, :controlId, :receivedAt, :ackCode, :ackText)""";

    private final JdbcClient jdbc;
    private final NamedParameterJdbcTemplate batch;

    public Hl7MessageLog(JdbcClient jdbc, NamedParameterJdbcTemplate batch) {
        this.jdbc = jdbc;
        this.batch = batch;
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
        jdbc.sql(INSERT)
                .param("facility", sendingFacility)
                .param("controlId", controlId)
                .param("receivedAt", receivedAt.atOffset(ZoneOffset.UTC))
                .param("ackCode", ackCode.name())
                .param("ackText", clip(ackText))
                .update();
    }

    /** These messages answered AA, in one JDBC batch; a duplicate fails the batch (DuplicateKeyException or other). */
    public void recordAll(List<Accepted> accepted, Instant receivedAt) {
        if (accepted.isEmpty()) {
            return;
        }
        batch.batchUpdate(INSERT, accepted.stream().map(a -> new MapSqlParameterSource()
                .addValue("facility", a.sendingFacility()).addValue("controlId", a.controlId())
                .addValue("receivedAt", receivedAt.atOffset(ZoneOffset.UTC)).addValue("ackCode", AckCode.AA.name())
                .addValue("ackText", clip(a.ackText()))).toArray(SqlParameterSource[]::new));
    }

    private static String clip(String ackText) {
        return ackText == null ? null : ackText.length() > 200 ? ackText.substring(0, 200) : ackText;
    }
}

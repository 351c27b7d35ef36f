package org.passerelle.scheduling.hl7;

import java.time.Clock;
import java.time.ZonedDateTime;
import java.util.Locale;
import java.util.Optional;
import org.passerelle.privacy.Digests;
import org.passerelle.scheduling.AppointmentCommand;
import org.passerelle.scheduling.AppointmentId;
import org.passerelle.scheduling.AppointmentIntake;
import org.passerelle.scheduling.AppointmentStatus;
import org.passerelle.scheduling.IntakeSuspendedException;
import org.passerelle.scheduling.InvalidAppointmentException;
import org.passerelle.scheduling.ReminderProperties;
import org.passerelle.scheduling.hl7.Hl7Rejection.ErrorLocation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * HL7 SIU intake, the one step of the {@code hl7-intake} route: takes a message as received over MLLP,
 * applies it and returns the ACK to send back. Never throws: whatever arrives gets an ACK.
 *
 * <ul>
 *   <li>AA only once the appointment change and the message's control id are committed together;
 *   <li>a message already applied (same MSH-4 and MSH-10) gets the first answer again, unapplied (found when
 *       recording its control id fails, so a new message costs no look-up);
 *   <li>AE for content Passerelle cannot use (ids, start, site), AR for what is not an SIU message Passerelle
 *       handles, and while ops keep the {@code scheduling} channel suspended (the sender resends later).
 * </ul>
 *
 * Logs carry the control id, facility, event and outcome only: never a name, number or message text.
 */
@Component("hl7SiuIntake")
public class SiuIntake {

    private static final Logger log = LoggerFactory.getLogger(SiuIntake.class);
    static final String SUSPENDED = "scheduling intake suspended, resend later";

    private final SiuReader reader;
    private final AppointmentIntake intake;
    private final Hl7MessageLog applied;
    private final TransactionTemplate tx;
    private final ReminderProperties reminders;
    private final Clock clock;
    private final Hl7Metrics metrics;

    public SiuIntake(SiuReader reader, AppointmentIntake intake, Hl7MessageLog applied, TransactionTemplate tx,
                     ReminderProperties reminders, Clock clock, Hl7Metrics metrics) {
        this.reader = reader;
        this.intake = intake;
        this.applied = applied;
        this.tx = tx;
        this.reminders = reminders;
        this.clock = clock;
        this.metrics = metrics;
    }

    /** What the ACK says, and what the log says about it. */
    private record Answer(AckCode code, String text, Hl7ErrorCode error, ErrorLocation location, boolean replay) {
        static Answer accepted(String text) {
            return new Answer(AckCode.AA, text, null, null, false);
        }

        static Answer of(Hl7Rejection r) {
            return new Answer(r.ackCode(), r.getMessage(), r.errorCode(), r.location(), false);
        }
    }

    /** What the mllp component puts in place of a framing byte found inside a frame (ASCII SUB). */
    private static final char FRAMING_BYTE_INSIDE = '\u001a';

    /** Parses and applies one message; returns the ACK (segments separated by CR). */
    public String apply(String received) {
        return apply(received, null);
    }

    /**
     * @param frameTooLong the frame size limit in bytes when the frame was longer and {@code received} is only
     *        its beginning (header {@code PasserelleMllpFrameTooLong} of the {@code mllp} component), else null:
     *        answered AE without reading further than the MSH
     */
    public String apply(String received, Integer frameTooLong) {
        String message = normalize(received);
        MessageHeader header = MessageHeader.salvage(message).orElse(null);
        Answer answer;
        try {
            if (frameTooLong != null) {
                throw Hl7Rejection.error(Hl7ErrorCode.DATA_TYPE_ERROR, null, "message longer than " + frameTooLong
                        + " bytes (passerelle.hl7.max-frame-size): not read");
            }
            if (message.indexOf(FRAMING_BYTE_INSIDE) >= 0) {
                throw Hl7Rejection.reject(Hl7ErrorCode.DATA_TYPE_ERROR, null,
                        "MLLP framing byte (0x0B or 0x1C) inside the message: not read");
            }
            answer = header == null
                    ? Answer.of(Hl7Rejection.reject(Hl7ErrorCode.SEGMENT_SEQUENCE_ERROR, null,
                            "no MSH segment: not an HL7 v2 message"))
                    : handle(message, header);
        } catch (Hl7Rejection r) {
            answer = Answer.of(r);
        } catch (RuntimeException e) {
            log.error("HL7 {}: internal error ({}), answered AR", describe(header), e.getClass().getName());
            answer = new Answer(AckCode.AR, "internal error, resend later", Hl7ErrorCode.APPLICATION_INTERNAL_ERROR,
                    null, false);
        }
        logOutcome(header, answer);
        metrics.answered(answer.code());
        return Acknowledgement.build(header, answer.code(), answer.text(), answer.error(), answer.location(),
                ZonedDateTime.now(clock).withZoneSameInstant(reminders.zone()));
    }

    private Answer handle(String message, MessageHeader h) {
        if (!"SIU".equalsIgnoreCase(h.messageType())) {
            throw Hl7Rejection.reject(Hl7ErrorCode.UNSUPPORTED_MESSAGE_TYPE, ErrorLocation.of("MSH", 9),
                    "unsupported message type " + safe(h.messageType()) + ": only SIU is accepted");
        }
        SiuEvent event = SiuEvent.of(h.triggerEvent()).orElseThrow(() -> Hl7Rejection.reject(
                Hl7ErrorCode.UNSUPPORTED_EVENT_CODE, ErrorLocation.of("MSH", 9),
                "unsupported event SIU^" + safe(h.triggerEvent()) + ": accepted S12, S13, S14, S15, S17, S26"));
        if (h.controlId().isEmpty()) {
            throw Hl7Rejection.reject(Hl7ErrorCode.REQUIRED_FIELD_MISSING, ErrorLocation.of("MSH", 10),
                    "message control id (MSH-10) missing");
        }
        if (h.controlId().length() > 100) {
            throw Hl7Rejection.reject(Hl7ErrorCode.DATA_TYPE_ERROR, ErrorLocation.of("MSH", 10),
                    "message control id (MSH-10) longer than 100 characters");
        }
        String facility = facilityKey(h.sendingFacility());
        try {
            return apply(message, event, facility, h.controlId());
        } catch (Hl7Rejection refused) {
            // a resend of a message accepted earlier gets its first answer, even if it would be refused now
            // (channel suspended since, site removed): looked up only on this path, a new message costs no query
            return replay(facility, h.controlId()).orElseThrow(() -> refused);
        }
    }

    /**
     * Applies a message not seen before. The control id is recorded last, in the same transaction: a resend
     * fails there with a duplicate key, everything it did is rolled back and it gets the first answer again.
     */
    private Answer apply(String message, SiuEvent event, String facility, String controlId) {
        try {
            intake.requireOpen(); // suspended: not even read; the sender keeps it and resends
            SiuAppointment appointment = reader.read(message, event);
            String outcome = tx.execute(status -> {
                String text = applyToStore(appointment);
                applied.record(facility, controlId, clock.instant(), AckCode.AA, text);
                return text;
            });
            return Answer.accepted(outcome); // committed
        } catch (IntakeSuspendedException e) {
            throw Hl7Rejection.reject(Hl7ErrorCode.APPLICATION_INTERNAL_ERROR, null, SUSPENDED);
        } catch (InvalidAppointmentException e) {
            if ("siteCode".equals(e.field())) {
                throw Hl7Rejection.error(Hl7ErrorCode.TABLE_VALUE_NOT_FOUND, ErrorLocation.of("AIL", 3),
                        "unknown site code in AIL-3.1");
            }
            if ("id".equals(e.field())) {
                throw Hl7Rejection.error(Hl7ErrorCode.DATA_TYPE_ERROR, ErrorLocation.of("SCH", 1),
                        "appointment id must be " + AppointmentId.RULE);
            }
            throw Hl7Rejection.error(Hl7ErrorCode.DATA_TYPE_ERROR, null, "invalid " + e.field());
        } catch (DuplicateKeyException resent) {
            // applied before (a resend), or concurrently on another connection and committed first: ours rolled back
            return replay(facility, controlId).orElseThrow(() -> resent);
        }
    }

    private Optional<Answer> replay(String facility, String controlId) {
        return applied.find(facility, controlId).map(a -> new Answer(a.ackCode(), a.ackText(), null, null, true));
    }

    private String applyToStore(SiuAppointment a) {
        return switch (a.event().action()) {
            case BOOK -> {
                AppointmentIntake.Result result = intake.upsertWithoutView(new AppointmentCommand(a.appointmentId(),
                        AppointmentCommand.IntakeSource.HL7, a.phone(), a.start(), a.siteCode(), true));
                yield "appointment " + result.outcome().name().toLowerCase(Locale.ROOT);
            }
            // An unknown appointment is answered AA: "no reminder for it" already holds, and an AE would
            // stall senders that stop their queue on errors for appointments booked before go-live.
            case CANCEL -> intake.cancel(a.appointmentId(), AppointmentStatus.CANCELLED)
                    ? "appointment cancelled" : "unknown appointment, nothing to cancel";
            case NO_SHOW -> intake.cancel(a.appointmentId(), AppointmentStatus.NO_SHOW)
                    ? "appointment marked no-show" : "unknown appointment, nothing to mark";
        };
    }

    /**
     * Logs ids and outcome only: an answer's text is one of this package's fixed sentences, never a value
     * read from the message (Hl7IntakeTest scans the captured log for the patient's name and number).
     */
    private void logOutcome(MessageHeader h, Answer a) {
        if (a.code() == AckCode.AA) {
            log.info("HL7 {}: AA, {}{}", describe(h), a.text(), a.replay() ? " (duplicate, not applied again)" : "");
        } else {
            log.warn("HL7 {}: {} {} {}{}", describe(h), a.code(), a.error() == null ? "" : a.error().code(), a.text(),
                    a.replay() ? " (duplicate, not applied again)" : "");
        }
    }

    private static String describe(MessageHeader h) {
        if (h == null) {
            return "message without MSH";
        }
        return safe(h.messageType()) + "^" + safe(h.triggerEvent()) + " control id " + safe(h.controlId())
                + " from " + safe(h.sendingFacility());
    }

    /** Segments separated by CR only, as HAPI expects; leading blanks dropped. */
    static String normalize(String received) {
        if (received == null) {
            return "";
        }
        return received.replace("\r\n", "\r").replace('\n', '\r').replaceFirst("^[\\s\\x00]+", "");
    }

    /** MSH-4 as the dedup key, hashed when longer than the column. */
    static String facilityKey(String sendingFacility) {
        if (sendingFacility.length() <= 100) {
            return sendingFacility;
        }
        return "sha256:" + Digests.sha256Hex(sendingFacility);
    }

    /** Header values for a log line or an ACK text: printable, short. */
    static String safe(String value) {
        if (value == null || value.isEmpty()) {
            return "(none)";
        }
        String printable = value.replaceAll("[^\\x20-\\x7E]", "?");
        return printable.length() > 40 ? printable.substring(0, 40) + "..." : printable;
    }
}

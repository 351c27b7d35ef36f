package org.passerelle.scheduling.hl7;

import java.time.Clock;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
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
 *   <li>AA only once the appointment change and the message's control id are committed together, in one
 *       transaction with the messages other connections handed in meanwhile ({@link GroupCommit});
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
    /** Messages in one group commit at most (as many connections at once at most: one message each). */
    static final int MAX_GROUP = 64;
    /**
     * Groups committed at once: with one, 8 senders waited in single file behind each commit and intake on 8
     * connections halved (1,463/s → 701/s, same run); a few let PostgreSQL overlap the commits' flushes while each
     * group still carries the messages that came in meanwhile. Well under the pool (10 by default).
     */
    static final int CONCURRENT_GROUPS = 4;

    private final SiuReader reader;
    private final AppointmentIntake intake;
    private final Hl7MessageLog applied;
    private final TransactionTemplate tx;
    private final ReminderProperties reminders;
    private final Clock clock;
    private final Hl7Metrics metrics;
    private final GroupCommit<Accepted, String> groupCommit =
            new GroupCommit<>(MAX_GROUP, CONCURRENT_GROUPS, Accepted::keys, this::commitGroup);

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

    private static final Pattern LEADING_BLANKS = Pattern.compile("^[\\s\\x00]+");
    private static final Pattern NOT_PRINTABLE = Pattern.compile("[^\\x20-\\x7E]");

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
     * Committed with the messages of other connections that arrive meanwhile ({@link GroupCommit}); if that
     * group fails, applied alone.
     */
    private Answer apply(String message, SiuEvent event, String facility, String controlId) {
        Accepted accepted;
        try {
            intake.requireOpen(); // suspended: not even read; the sender keeps it and resends
            SiuAppointment appointment = reader.read(message, event);
            AppointmentIntake.Prepared booking = appointment.event().action() == SiuEvent.Action.BOOK
                    ? intake.prepare(command(appointment)) : null;
            accepted = new Accepted(facility, controlId, appointment, booking);
        } catch (IntakeSuspendedException e) {
            throw suspended();
        } catch (InvalidAppointmentException e) {
            throw rejection(e);
        }
        Optional<String> grouped = groupCommit.submit(accepted);
        return grouped.isPresent() ? Answer.accepted(grouped.get()) : applyAlone(accepted); // committed
    }

    /** A message read and checked, waiting for its transaction. */
    private record Accepted(String facility, String controlId, SiuAppointment appointment,
                            AppointmentIntake.Prepared booking) {
        /** Never in one transaction together: two changes of one appointment, two copies of one message. */
        Set<Object> keys() {
            return Set.of("appointment:" + appointment.appointmentId(), List.of(facility, controlId));
        }
    }

    /** One transaction for a group of accepted messages; the i-th answer text is the i-th message's. */
    private List<String> commitGroup(List<Accepted> group) {
        return tx.execute(status -> {
            List<AppointmentIntake.Prepared> bookings = group.stream().map(Accepted::booking).filter(Objects::nonNull).toList();
            Iterator<AppointmentIntake.Result> booked = intake.upsertAllWithoutView(bookings).iterator();
            List<String> texts = new ArrayList<>(group.size());
            List<Hl7MessageLog.Accepted> records = new ArrayList<>(group.size());
            for (Accepted a : group) {
                String text = a.booking() != null ? booked(booked.next()) : cancel(a.appointment());
                texts.add(text);
                records.add(new Hl7MessageLog.Accepted(a.facility(), a.controlId(), text));
            }
            applied.recordAll(records, clock.instant());
            return texts;
        });
    }

    /** The message in its own transaction, as before group commit: what a message of a failed group gets. */
    private Answer applyAlone(Accepted a) {
        try {
            String outcome = tx.execute(status -> {
                String text = applyToStore(a.appointment());
                applied.record(a.facility(), a.controlId(), clock.instant(), AckCode.AA, text);
                return text;
            });
            return Answer.accepted(outcome); // committed
        } catch (IntakeSuspendedException e) {
            throw suspended();
        } catch (InvalidAppointmentException e) {
            throw rejection(e);
        } catch (DuplicateKeyException resent) {
            // applied before (a resend), or concurrently on another connection and committed first: ours rolled back
            return replay(a.facility(), a.controlId()).orElseThrow(() -> resent);
        }
    }

    private static Hl7Rejection suspended() {
        return Hl7Rejection.reject(Hl7ErrorCode.APPLICATION_INTERNAL_ERROR, null, SUSPENDED);
    }

    private static Hl7Rejection rejection(InvalidAppointmentException e) {
        if ("siteCode".equals(e.field())) {
            return Hl7Rejection.error(Hl7ErrorCode.TABLE_VALUE_NOT_FOUND, ErrorLocation.of("AIL", 3),
                    "unknown site code in AIL-3.1");
        }
        if ("id".equals(e.field())) {
            return Hl7Rejection.error(Hl7ErrorCode.DATA_TYPE_ERROR, ErrorLocation.of("SCH", 1),
                    "appointment id must be " + AppointmentId.RULE);
        }
        return Hl7Rejection.error(Hl7ErrorCode.DATA_TYPE_ERROR, null, "invalid " + e.field());
    }

    private Optional<Answer> replay(String facility, String controlId) {
        return applied.find(facility, controlId).map(a -> new Answer(a.ackCode(), a.ackText(), null, null, true));
    }

    private String applyToStore(SiuAppointment a) {
        return switch (a.event().action()) {
            case BOOK -> booked(intake.upsertWithoutView(command(a)));
            case CANCEL, NO_SHOW -> cancel(a);
        };
    }

    private static AppointmentCommand command(SiuAppointment a) {
        return new AppointmentCommand(a.appointmentId(), AppointmentCommand.IntakeSource.HL7, a.phone(), a.start(),
                a.siteCode(), true);
    }

    private static String booked(AppointmentIntake.Result result) {
        return "appointment " + result.outcome().name().toLowerCase(Locale.ROOT);
    }

    /**
     * An unknown appointment is answered AA: "no reminder for it" already holds, and an AE would stall senders
     * that stop their queue on errors for appointments booked before go-live.
     */
    private String cancel(SiuAppointment a) {
        if (a.event().action() == SiuEvent.Action.NO_SHOW) {
            return intake.cancel(a.appointmentId(), AppointmentStatus.NO_SHOW)
                    ? "appointment marked no-show" : "unknown appointment, nothing to mark";
        }
        return intake.cancel(a.appointmentId(), AppointmentStatus.CANCELLED)
                ? "appointment cancelled" : "unknown appointment, nothing to cancel";
    }

    /**
     * Logs ids and outcome only: an answer's text is one of this package's fixed sentences, never a value
     * read from the message (Hl7IntakeTest scans the captured log for the patient's name and number).
     */
    private void logOutcome(MessageHeader h, Answer a) {
        if (a.code() == AckCode.AA) {
            if (!log.isInfoEnabled()) {
                return; // describe() costs a few regular expressions per message
            }
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
        return LEADING_BLANKS.matcher(received.replace("\r\n", "\r").replace('\n', '\r')).replaceFirst("");
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
        String printable = NOT_PRINTABLE.matcher(value).replaceAll("?");
        return printable.length() > 40 ? printable.substring(0, 40) + "..." : printable;
    }
}

package org.passerelle.scheduling.hl7;

import ca.uhn.hl7v2.DefaultHapiContext;
import ca.uhn.hl7v2.ErrorCode;
import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.model.Segment;
import ca.uhn.hl7v2.model.Structure;
import ca.uhn.hl7v2.model.v25.message.SIU_S12;
import ca.uhn.hl7v2.parser.CanonicalModelClassFactory;
import ca.uhn.hl7v2.parser.ModelClassFactory;
import ca.uhn.hl7v2.parser.ParserConfiguration;
import ca.uhn.hl7v2.parser.PipeParser;
import ca.uhn.hl7v2.util.ReadOnlyMessageIterator;
import ca.uhn.hl7v2.util.Terser;
import ca.uhn.hl7v2.validation.impl.ValidationContextFactory;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.passerelle.scheduling.AppointmentId;
import org.passerelle.scheduling.ReminderProperties;
import org.passerelle.scheduling.hl7.Hl7Rejection.ErrorLocation;
import org.springframework.stereotype.Component;

/**
 * Parses an SIU message with HAPI into the v2.5 SIU_S12 structure (the structure of every SIU event
 * applied here, whatever version the sender declares) and takes what a reminder needs.
 *
 * <p>Parsing is lenient on purpose: no HAPI validation rules (real senders leave required fields
 * empty, send other versions, add Z-segments); the checks that matter are made here and answered
 * with a precise AE.
 */
@Component
class SiuReader {

    /** HL7 DTM: YYYYMMDDHHMM[SS[.S[S[S[S]]]]][+/-ZZZZ]; a start needs at least the minute. */
    private static final Pattern DTM = Pattern.compile(
            "(\\d{4})(\\d{2})(\\d{2})(\\d{2})(\\d{2})(?:(\\d{2})(?:\\.(\\d{1,4}))?)?([+-]\\d{4})?");

    /**
     * One HAPI context per thread: under 20 senders at once, a shared one failed a few valid messages on their
     * first concurrent parse (structure classes being looked up and cached by several threads at once).
     */
    private final ThreadLocal<Hapi> hapi = ThreadLocal.withInitial(Hapi::new);
    private final Hl7Properties properties;
    private final ReminderProperties reminders;

    public SiuReader(Hl7Properties properties, ReminderProperties reminders) {
        this.properties = properties;
        this.reminders = reminders;
    }

    /** Parses into v2.5 structures without HAPI's validation rules, whatever MSH-12 says. */
    private static final class Hapi {
        final ModelClassFactory structures = new CanonicalModelClassFactory("2.5");
        final PipeParser parser;

        Hapi() {
            ParserConfiguration configuration = new ParserConfiguration();
            configuration.setValidating(false);
            configuration.setAllowUnknownVersions(true);
            HapiContext context = new DefaultHapiContext(configuration, ValidationContextFactory.noValidation(), structures);
            this.parser = context.getPipeParser();
        }
    }

    /**
     * @param message segments separated by CR
     * @throws Hl7Rejection AE when HAPI cannot parse it or a field Passerelle needs is missing or wrong
     */
    public SiuAppointment read(String message, SiuEvent event) {
        Hapi own = hapi.get();
        SIU_S12 siu = new SIU_S12(own.structures);
        siu.setParser(own.parser);
        try {
            siu.parse(message);
        } catch (HL7Exception | RuntimeException e) {
            throw unparseable(e);
        }
        Segments segments = new Segments(siu);
        String id = appointmentId(segments);
        if (event.action() != SiuEvent.Action.BOOK) {
            return new SiuAppointment(event, id, null, null, null);
        }
        return new SiuAppointment(event, id, start(segments), phone(segments), siteCode(segments));
    }

    /**
     * The populated segments in message order, wherever HAPI put them: senders that skip RGS or add
     * segments in other places get their AIS/AIL/AIP outside the RESOURCES group, where typed getters
     * would not look.
     */
    private static final class Segments {
        private final List<Segment> all = new ArrayList<>();

        Segments(SIU_S12 siu) {
            Iterator<Structure> it = ReadOnlyMessageIterator.createPopulatedSegmentIterator(siu);
            while (it.hasNext()) {
                if (it.next() instanceof Segment s) {
                    all.add(s);
                }
            }
        }

        List<Segment> named(String name) {
            return all.stream().filter(s -> name.equals(s.getName())).toList();
        }

        /** The first non-empty value of field/component/subcomponent (first repetition) in segments so named. */
        String first(String name, int field, int component, int subcomponent) {
            for (Segment s : named(name)) {
                String v = get(s, field, 0, component, subcomponent);
                if (!v.isEmpty()) {
                    return v;
                }
            }
            return "";
        }
    }

    private static String get(Segment segment, int field, int repetition, int component, int subcomponent) {
        try {
            String v = Terser.get(segment, field, repetition, component, subcomponent);
            return v == null ? "" : v.trim();
        } catch (HL7Exception | RuntimeException e) {
            return "";
        }
    }

    private static int repetitions(Segment segment, int field) {
        try {
            return segment.getField(field).length;
        } catch (HL7Exception | RuntimeException e) {
            return 0;
        }
    }

    private static Hl7Rejection unparseable(Exception e) {
        ErrorLocation location = null;
        Hl7ErrorCode code = Hl7ErrorCode.DATA_TYPE_ERROR;
        if (e instanceof HL7Exception h) {
            ca.uhn.hl7v2.Location where = h.getLocation();
            if (where != null && where.getSegmentName() != null) {
                location = new ErrorLocation(where.getSegmentName(), Math.max(1, where.getSegmentRepetition()),
                        Math.max(0, where.getField()));
            }
            if (h.getError() == ErrorCode.SEGMENT_SEQUENCE_ERROR) {
                code = Hl7ErrorCode.SEGMENT_SEQUENCE_ERROR;
            }
        }
        // HAPI's own message may quote field content: it is neither logged nor sent back. AE, not AR: the MSH
        // says SIU, so the sender's content is at fault and resending it unchanged would fail again.
        return Hl7Rejection.error(code, location, "message could not be parsed as SIU_S12");
    }

    /**
     * SCH-1.1 (placer appointment id), else SCH-2.1 (filler), under the one rule REST applies too
     * ({@link AppointmentId}): an id REST could not read or cancel is a content error (AE), never stored.
     */
    private static String appointmentId(Segments segments) {
        String placer = segments.first("SCH", 1, 1, 1);
        if (!placer.isEmpty()) {
            return checkedId(placer, "SCH", 1);
        }
        String filler = segments.first("SCH", 2, 1, 1);
        if (!filler.isEmpty()) {
            return checkedId(filler, "SCH", 2);
        }
        throw Hl7Rejection.error(Hl7ErrorCode.REQUIRED_FIELD_MISSING, ErrorLocation.of("SCH", 1),
                "appointment id missing: neither SCH-1 (placer) nor SCH-2 (filler) is given");
    }

    private static String checkedId(String id, String segment, int field) {
        if (!AppointmentId.isValid(id)) {
            throw Hl7Rejection.error(Hl7ErrorCode.DATA_TYPE_ERROR, new ErrorLocation(segment, 1, field),
                    "appointment id in " + segment + "-" + field + ".1 must be " + AppointmentId.RULE);
        }
        return id;
    }

    private ZonedDateTime start(Segments segments) {
        Hl7Properties.StartField field = properties.startField();
        String raw;
        ErrorLocation location;
        String name;
        switch (field) {
            case AIS_4 -> {
                raw = segments.first("AIS", 4, 1, 1);
                location = ErrorLocation.of("AIS", 4);
                name = "AIS-4";
            }
            case AIL_6 -> {
                raw = segments.first("AIL", 6, 1, 1);
                location = ErrorLocation.of("AIL", 6);
                name = "AIL-6";
            }
            case AIP_6 -> {
                raw = segments.first("AIP", 6, 1, 1);
                location = ErrorLocation.of("AIP", 6);
                name = "AIP-6";
            }
            default -> {
                raw = segments.first("SCH", 11, 4, 1); // TQ-4 start date/time, its DTM
                location = ErrorLocation.of("SCH", 11);
                name = "SCH-11.4";
            }
        }
        if (raw.isEmpty()) {
            throw Hl7Rejection.error(Hl7ErrorCode.REQUIRED_FIELD_MISSING, location,
                    "appointment start missing: " + name + " is empty (passerelle.hl7.start-field=" + field + ")");
        }
        return parseTimestamp(raw, reminders.zone()).orElseThrow(() -> Hl7Rejection.error(
                Hl7ErrorCode.DATA_TYPE_ERROR, location,
                "appointment start in " + name + " is not an HL7 date/time to the minute (YYYYMMDDHHMM[SS][+/-ZZZZ])"));
    }

    /**
     * An HL7 DTM with at least the minute. Without an offset it is a local time in {@code zone}; with
     * one it is that instant, seen in {@code zone}.
     */
    static Optional<ZonedDateTime> parseTimestamp(String raw, ZoneId zone) {
        Matcher m = DTM.matcher(raw.trim());
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            int nanos = 0;
            if (m.group(7) != null) {
                nanos = Integer.parseInt((m.group(7) + "000000000").substring(0, 9));
            }
            LocalDateTime local = LocalDateTime.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                    Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)),
                    m.group(6) == null ? 0 : Integer.parseInt(m.group(6)), nanos);
            if (m.group(8) == null) {
                return Optional.of(local.atZone(zone));
            }
            String offset = m.group(8);
            int sign = offset.charAt(0) == '-' ? -1 : 1;
            ZoneOffset zoneOffset = ZoneOffset.ofHoursMinutes(sign * Integer.parseInt(offset.substring(1, 3)),
                    sign * Integer.parseInt(offset.substring(3, 5)));
            return Optional.of(local.atOffset(zoneOffset).atZoneSameInstant(zone));
        } catch (DateTimeException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /**
     * PID-13: the repetition whose equipment type (XTN-3) is CP (cell phone), else the first one with a
     * number. The number is XTN-12 (unformatted), else XTN-1, else built from XTN-5/6/7.
     */
    private static String phone(Segments segments) {
        List<Segment> pids = segments.named("PID");
        if (pids.isEmpty()) {
            return null;
        }
        Segment pid = pids.get(0);
        int reps = repetitions(pid, 13);
        for (int rep = 0; rep < reps; rep++) {
            if ("CP".equalsIgnoreCase(get(pid, 13, rep, 3, 1))) {
                String n = number(pid, rep);
                if (n != null) {
                    return n;
                }
            }
        }
        for (int rep = 0; rep < reps; rep++) {
            String n = number(pid, rep);
            if (n != null) {
                return n;
            }
        }
        return null;
    }

    private static String number(Segment pid, int rep) {
        String unformatted = get(pid, 13, rep, 12, 1);
        if (!unformatted.isEmpty()) {
            return unformatted;
        }
        String formatted = get(pid, 13, rep, 1, 1);
        if (!formatted.isEmpty()) {
            return formatted;
        }
        String local = get(pid, 13, rep, 7, 1);
        if (local.isEmpty()) {
            return null;
        }
        String area = get(pid, 13, rep, 6, 1);
        String country = get(pid, 13, rep, 5, 1).replaceFirst("^\\+", "");
        if (country.isEmpty()) {
            return area + local;
        }
        return "+" + country + area.replaceFirst("^0+", "") + local;
    }

    /** AIL-3.1 (point of care) of the first location resource that has one, in any repetition. */
    private static String siteCode(Segments segments) {
        for (Segment ail : segments.named("AIL")) {
            int reps = repetitions(ail, 3);
            for (int rep = 0; rep < reps; rep++) {
                String v = get(ail, 3, rep, 1, 1);
                if (!v.isEmpty()) {
                    return v;
                }
            }
        }
        throw Hl7Rejection.error(Hl7ErrorCode.REQUIRED_FIELD_MISSING, ErrorLocation.of("AIL", 3),
                "site missing: AIL-3.1 (location resource, point of care) is empty");
    }
}

package org.passerelle.scheduling.hl7;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds SIU test messages field by field, as a scheduling system would send them. */
final class SiuMessages {

    static final DateTimeFormatter DTM = DateTimeFormatter.ofPattern("yyyyMMddHHmm");
    static final String PATIENT_FAMILY_NAME = "KERHERVE";
    static final String PATIENT_GIVEN_NAME = "Maelys";

    private final Map<String, List<String>> segments = new LinkedHashMap<>();

    private SiuMessages() {
    }

    /** An SIU message for a patient with a cell phone, at site {@code site}, starting at {@code start}. */
    static SiuMessages siu(String event, String controlId, String appointmentId, ZonedDateTime start, String mobile,
                           String site) {
        SiuMessages m = new SiuMessages();
        m.set("MSH", 3, "DXCARE").set("MSH", 4, "CHU-RENNES").set("MSH", 5, "PASSERELLE").set("MSH", 6, "CHU-RENNES-SMS")
                .set("MSH", 7, "20260101120000").set("MSH", 9, "SIU^" + event + "^SIU_S12").set("MSH", 10, controlId)
                .set("MSH", 11, "P").set("MSH", 12, "2.5");
        m.set("SCH", 1, appointmentId == null ? "" : appointmentId + "^DXCARE")
                .set("SCH", 2, appointmentId == null ? "" : "F-" + appointmentId + "^DXCARE")
                .set("SCH", 11, start == null ? "" : "^^^" + DTM.format(start))
                .set("SCH", 25, "Booked");
        m.set("PID", 1, "1").set("PID", 3, "123456^^^CHU^PI")
                .set("PID", 5, PATIENT_FAMILY_NAME + "^" + PATIENT_GIVEN_NAME)
                .set("PID", 7, "19800101").set("PID", 8, "F")
                .set("PID", 13, "^PRN^PH^^33^2^99001122" + (mobile == null ? "" : "~^PRN^CP^^^^^^^^^" + mobile));
        m.set("RGS", 1, "1");
        m.set("AIS", 1, "1").set("AIS", 3, "CONSULT^Consultation").set("AIS", 4, start == null ? "" : DTM.format(start));
        m.set("AIL", 1, "1").set("AIL", 3, site == null ? "" : site + "^^^CHU").set("AIL", 6, start == null ? "" : DTM.format(start));
        return m;
    }

    SiuMessages set(String segment, int field, String value) {
        List<String> fields = segments.computeIfAbsent(segment, s -> new ArrayList<>());
        while (fields.size() < field) {
            fields.add("");
        }
        fields.set(field - 1, value);
        return this;
    }

    SiuMessages remove(String segment) {
        segments.remove(segment);
        return this;
    }

    String build() {
        StringBuilder out = new StringBuilder();
        segments.forEach((name, fields) -> {
            if (name.equals("MSH")) {
                out.append("MSH|^~\\&");
                for (int i = 2; i < fields.size(); i++) { // MSH-1 is the separator, MSH-2 the encoding characters
                    out.append('|').append(fields.get(i));
                }
            } else {
                out.append(name);
                for (String f : fields) {
                    out.append('|').append(f);
                }
            }
            out.append('\r');
        });
        return out.toString();
    }

    /** One ACK, split into segments and fields (field 0 is the segment name; for MSH, field n is MSH-(n+1)). */
    record Ack(Map<String, String[]> segments) {
        static Ack parse(String ack) {
            Map<String, String[]> out = new LinkedHashMap<>();
            for (String segment : ack.split("\r")) {
                if (!segment.isEmpty()) {
                    out.put(segment.substring(0, 3), segment.split("\\|", -1));
                }
            }
            return new Ack(out);
        }

        String field(String segment, int field) {
            String[] fields = segments.get(segment);
            if (fields == null) {
                return null;
            }
            int index = segment.equals("MSH") ? field - 1 : field;
            return index < fields.length ? fields[index] : "";
        }

        String code() {
            return field("MSA", 1);
        }

        boolean hasErr() {
            return segments.containsKey("ERR");
        }
    }
}

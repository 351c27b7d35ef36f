package org.passerelle.console;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.passerelle.channel.IncidentWork;

/**
 * The incident report as one CSV table (RFC 4180, every field quoted; a field that a spreadsheet would read as a
 * formula is prefixed with an apostrophe): a {@code section} column tells the incident, timeline, work, expiry,
 * drain and payment rows apart.
 */
final class IncidentReportCsv {

    static final String HEADER = "section,at,actor,action,channel,from,to,reason,approved_by,"
            + "reminders_waiting,reminders_expiring,payments_pending,payments_in_doubt,count,seconds,per_minute";

    private IncidentReportCsv() {
    }

    static String of(IncidentReport r) {
        StringBuilder csv = new StringBuilder(HEADER).append("\r\n");
        row(csv, "incident_opened", r.openedAt(), r.openedBy(), "ISOLATE", "", "", "", r.reason(), "", "", "", "", "", "", "", "");
        if (r.closedAt() != null) {
            row(csv, "incident_closed", r.closedAt(), r.closedBy(), "", "", "", "", "", "", "", "", "", "", "",
                    str(r.durationSeconds()), "");
        }
        for (IncidentReport.Step s : r.timeline()) {
            row(csv, "timeline", s.at(), s.actor(), s.action(), s.channel(), s.from(), s.to(), s.reason(), s.approvedBy(),
                    "", "", "", "", "", "", "");
        }
        for (IncidentWork w : r.heldWork()) {
            row(csv, "work_" + w.step().name().toLowerCase(), w.takenAt(), "", "", w.channel(), "", "", "", "",
                    str(w.remindersWaiting()), str(w.remindersExpiring()), str(w.paymentsPending()), str(w.paymentsInDoubt()),
                    "", "", "");
        }
        row(csv, "reminders_expired", null, "", "", "sms", "", "", "", "", "", "", "", "",
                str(r.remindersExpiredDuringIncident()), "", "");
        for (IncidentReport.Drain d : r.drains()) {
            row(csv, "drain", d.restoredAt(), "", "", d.channel(), "", "", "", "", "", "", "", "", str(d.remindersSent()),
                    str(d.seconds()), str(d.perMinute()));
        }
        row(csv, "payments_left_in_doubt", null, "", "", "payments", "", "", "", "", "", "", "", "",
                str(r.paymentsLeftInDoubt()), "", "");
        return csv.toString();
    }

    private static String str(Object value) {
        return value == null ? "" : value.toString();
    }

    private static void row(StringBuilder csv, String section, OffsetDateTime at, String... fields) {
        List<String> all = Stream.concat(Stream.of(section, at == null ? "" : at.toString()), Stream.of(fields)).toList();
        csv.append(all.stream().map(IncidentReportCsv::field).collect(Collectors.joining(","))).append("\r\n");
    }

    static String field(String value) {
        String v = value == null ? "" : value;
        if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0) {
            v = "'" + v;
        }
        return '"' + v.replace("\"", "\"\"") + '"';
    }
}

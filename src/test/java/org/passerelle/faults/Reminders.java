package org.passerelle.faults;

import static org.passerelle.testsupport.AppointmentBody.appointment;
import static org.passerelle.testsupport.Role.SCHEDULER;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.passerelle.testsupport.Api;
import org.passerelle.testsupport.PostgresTestDatabase;
import org.passerelle.testsupport.smsc.ReceivedSubmit;

/**
 * Booking appointments over the real REST API and reading what became of their reminders, for the fault
 * scenarios. Appointment {@code <prefix>-<i>} has phone {@code 06 <block> <i as 6 digits>}, so a submit at the
 * SMSC names its appointment by the last six digits of its destination.
 */
final class Reminders {

    private Reminders() {
    }

    static String id(String prefix, int i) {
        return prefix + "-" + i;
    }

    static String phone(int block, int i) {
        return String.format("06 %02d %02d %02d %02d", block, i / 10000, i / 100 % 100, i % 100);
    }

    /** The index {@code i} of the appointment a submit was for. */
    static int index(ReceivedSubmit submit) {
        String d = submit.destAddr();
        return Integer.parseInt(d.substring(d.length() - 6));
    }

    /** PUTs appointments {@code from..to-1} with 8 client threads; every answer must be 201. Returns the count. */
    static int book(Api api, String prefix, int block, int from, int to, Instant start) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        AtomicInteger created = new AtomicInteger();
        try {
            List<Future<?>> done = new java.util.ArrayList<>();
            for (int c = 0; c < 8; c++) {
                int client = c;
                done.add(pool.submit(() -> {
                    for (int i = from + client; i < to; i += 8) {
                        int status = api.as(SCHEDULER).put("/api/appointments/" + id(prefix, i),
                                appointment(phone(block, i), start, "PONTCHAILLOU")).status();
                        if (status != 201) {
                            throw new IllegalStateException("PUT " + id(prefix, i) + " answered " + status);
                        }
                        created.incrementAndGet();
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        return created.get();
    }

    /** One reminder as stored. */
    record Row(String appointmentId, String status, int ambiguousSends, Instant expiresAt) {
    }

    /** Reminders by appointment id (seq 1), from the schema directly. */
    static Map<String, Row> rows(PostgresTestDatabase db) throws SQLException {
        Map<String, Row> rows = new HashMap<>();
        try (Connection c = db.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("select appointment_id, status, ambiguous_sends, expires_at from reminder")) {
            while (rs.next()) {
                rows.put(rs.getString(1), new Row(rs.getString(1), rs.getString(2), rs.getInt(3),
                        rs.getTimestamp(4).toInstant()));
            }
        }
        return rows;
    }

    /** How many reminders are in each status. */
    static Map<String, Integer> byStatus(PostgresTestDatabase db) throws SQLException {
        Map<String, Integer> counts = new TreeMap<>();
        try (Connection c = db.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("select status, count(*) from reminder group by status")) {
            while (rs.next()) {
                counts.put(rs.getString(1), rs.getInt(2));
            }
        }
        return counts;
    }

    /** Reminders still PENDING or SENDING. */
    static int live(PostgresTestDatabase db) throws SQLException {
        Map<String, Integer> s = byStatus(db);
        return s.getOrDefault("PENDING", 0) + s.getOrDefault("SENDING", 0);
    }

    /** Whether a submit went to a phone of {@code block} ({@code 06 <block> …}, whatever the address format). */
    static boolean inBlock(ReceivedSubmit submit, int block) {
        String digits = submit.destAddr().replaceAll("[^0-9]", "");
        return digits.length() >= 9 && digits.substring(digits.length() - 9).startsWith("6" + String.format("%02d", block));
    }

    /** Accepted submits (status 0) per appointment index, for the phones of {@code block}. */
    static Map<Integer, Integer> acceptedPerIndex(List<ReceivedSubmit> submits, int block) {
        Map<Integer, Integer> counts = new HashMap<>();
        for (ReceivedSubmit s : submits) {
            if (s.accepted() && inBlock(s, block)) {
                counts.merge(index(s), 1, Integer::sum);
            }
        }
        return counts;
    }
}

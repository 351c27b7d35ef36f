package org.passerelle.bench;

import static org.passerelle.testsupport.AppointmentBody.appointment;
import static org.passerelle.testsupport.Role.OPS;
import static org.passerelle.testsupport.Role.SCHEDULER;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.passerelle.testsupport.Api;
import org.passerelle.testsupport.ApiResponse;
import org.passerelle.testsupport.PasserelleProcess;
import org.passerelle.testsupport.PostgresTestDatabase;

/**
 * Passerelle as the sender under test: the real jar ({@code java -jar}, {@link PasserelleProcess}) on its own
 * PostgreSQL schema, bound to the bench SMSC, sending window open all day. A backlog is made by one appointment
 * PUT over REST while {@code sms} is suspended, whose appointment and reminder rows are then copied in SQL
 * (thousands of PUTs would take minutes on this machine); what is measured, the claim-encode-submit path of the
 * real routes after {@code resume}, is untouched.
 */
final class PasserelleSender implements AutoCloseable {

    private final PostgresTestDatabase db;
    private final PasserelleProcess process;
    private final Duration startToReady;
    private final String seedId = "SEED-" + System.nanoTime();
    private int batches;

    private PasserelleSender(PostgresTestDatabase db, PasserelleProcess process, Duration startToReady) {
        this.db = db;
        this.process = process;
        this.startToReady = startToReady;
    }

    static PasserelleSender start(String name, int smscPort, int segmentsPerSecond) {
        PostgresTestDatabase db = PostgresTestDatabase.create("bench_" + name);
        List<String> args = new ArrayList<>(db.springArgs());
        args.addAll(List.of("--passerelle.sms.smsc.port=" + smscPort, "--passerelle.sms.smsc.password=secret",
                "--passerelle.reminders.send-from=00:00", "--passerelle.reminders.send-until=23:59:59",
                "--passerelle.sms.poll-interval=20ms", "--passerelle.sms.batch-size=200",
                "--passerelle.sms.segments-per-second=" + segmentsPerSecond, "--logging.level.org.passerelle=WARN"));
        String extra = System.getProperty("bench.passerelle.args", "").trim();
        if (!extra.isEmpty()) {
            args.addAll(List.of(extra.split("\\s+")));
        }
        // e.g. -Dbench.passerelle.jvm=-XX:StartFlightRecording=filename=/tmp/sms.jfr,settings=profile to profile the jar
        String jvm = System.getProperty("bench.passerelle.jvm", "").trim();
        List<String> jvmOptions = jvm.isEmpty() ? List.of() : List.of(jvm.split("\\s+"));
        long t0 = System.nanoTime();
        PasserelleProcess p;
        try {
            p = PasserelleProcess.start("bench-" + name, jvmOptions, args);
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
        Duration ready = Duration.ofNanos(System.nanoTime() - t0);
        BenchProcesses.passerelleOnPort(p.port()).ifPresent(h -> BenchProcesses.track(h, "passerelle-" + name));
        PasserelleSender s = new PasserelleSender(db, p, ready);
        s.suspend();
        ApiResponse put = p.api().as(SCHEDULER).put("/api/appointments/" + s.seedId,
                appointment("06 40 00 00 01", Instant.now().plus(4, ChronoUnit.HOURS), "PONTCHAILLOU"));
        if (put.status() != 201) {
            s.close();
            throw new IllegalStateException("seed appointment: " + put);
        }
        return s;
    }

    Duration startToReady() {
        return startToReady;
    }

    Api api() {
        return process.api();
    }

    long pid() {
        return BenchProcesses.passerelleOnPort(process.port()).map(ProcessHandle::pid).orElse(-1L);
    }

    /** {@code POST /api/channels/sms/suspend}; returns once the answer (200) is read. */
    void suspend() {
        ApiResponse r = process.api().as(OPS).post("/api/channels/sms/suspend", Api.reason("benchmark"));
        if (r.status() != 200) {
            throw new IllegalStateException("suspend: " + r);
        }
    }

    void resume() {
        ApiResponse r = process.api().as(OPS).post("/api/channels/sms/resume", Api.reason("benchmark"));
        if (r.status() != 200) {
            throw new IllegalStateException("resume: " + r);
        }
    }

    /** Heap in use (MiB) from the actuator's jvm.memory.used{area=heap}. */
    double heapUsedMib() {
        ApiResponse r = process.api().as(OPS).get("/actuator/metrics/jvm.memory.used?tag=area:heap");
        if (r.status() != 200) {
            throw new IllegalStateException("metrics: " + r);
        }
        return r.json().path("measurements").get(0).path("value").asDouble() / (1024 * 1024);
    }

    /** Call while suspended: every reminder not yet final is cancelled, then {@code n} due ones are added. */
    void backlog(int n) throws Exception {
        int batch = ++batches;
        try (Connection c = connect(); Statement st = c.createStatement()) {
            st.executeUpdate("update reminder set status = 'CANCELLED', claimed_by = null, claimed_until = null "
                    + "where status in ('PENDING', 'SENDING')");
            st.executeUpdate(copy(c, n, "appointment", "id", "'B" + batch + "-' || g", null) + " where t.id = '" + seedId + "'");
            st.executeUpdate(copy(c, n, "reminder", "appointment_id", "'B" + batch + "-' || g", "id")
                    .replace("t.status", "'PENDING'").replace("t.attempts", "0")
                    + " where t.appointment_id = '" + seedId + "' and t.seq = (select min(seq) from reminder where appointment_id = '" + seedId + "')");
        }
        if (pending() != n) {
            throw new IllegalStateException("backlog: " + pending() + " pending instead of " + n);
        }
    }

    long pending() throws Exception {
        try (Connection c = connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("select count(*) from reminder where status = 'PENDING'")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The shared PostgreSQL also serves other builds on this machine: a full server is waited for, up to 60 s. */
    private Connection connect() throws Exception {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (true) {
            try {
                return db.connect();
            } catch (java.sql.SQLException e) {
                if (System.nanoTime() > deadline || !"53300".equals(e.getSQLState())) {
                    throw e;
                }
                Thread.sleep(500);
            }
        }
    }

    /** {@code insert into T (cols) select <cols, key replaced> from T t, generate_series(1, n) g}. */
    private String copy(Connection c, int n, String table, String keyColumn, String keyValue, String skipColumn) throws Exception {
        List<String> columns = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("select column_name from information_schema.columns "
                + "where table_schema = current_schema() and table_name = ? order by ordinal_position")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (!rs.getString(1).equals(skipColumn)) {
                        columns.add(rs.getString(1));
                    }
                }
            }
        }
        String select = columns.stream().map(col -> col.equals(keyColumn) ? keyValue : "t." + col).collect(Collectors.joining(", "));
        return "insert into " + table + " (" + String.join(", ", columns) + ") select " + select + " from " + table
                + " t, generate_series(1, " + n + ") g";
    }

    @Override
    public void close() {
        BenchProcesses.passerelleOnPort(process.port()).ifPresent(BenchProcesses::forget);
        process.close();
        db.close();
    }
}

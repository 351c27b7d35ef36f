package org.passerelle.replicas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.passerelle.testsupport.Api.reason;
import static org.passerelle.testsupport.AppointmentBody.appointment;
import static org.passerelle.testsupport.Role.CASHIER;
import static org.passerelle.testsupport.Role.OPS;
import static org.passerelle.testsupport.Role.SCHEDULER;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.ValidateResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.passerelle.logscan.LogScan;
import org.passerelle.testsupport.Api;
import org.passerelle.testsupport.ApiResponse;
import org.passerelle.testsupport.ControlPlaneViaApi;
import org.passerelle.testsupport.PasserelleProcess;
import org.passerelle.testsupport.PostgresTestDatabase;
import org.passerelle.testsupport.ScreenSession;
import org.passerelle.testsupport.smsc.ReceivedSubmit;
import org.passerelle.testsupport.smsc.TestSmsc;
import org.passerelle.testsupport.terminal.Behaviour;
import org.passerelle.testsupport.terminal.FakeTerminalBackend;
import org.passerelle.testsupport.terminal.Received;

/**
 * Three Passerelle replicas as separate {@code java -jar} processes with the production profile ({@code postgres},
 * JSON logs), sharing one fresh PostgreSQL schema, the test SMSC and the test terminal backend. They start at the
 * same moment on the empty schema; then the kill switch, the reminders, payment recovery and a rolling restart
 * are checked across them. The tests run in order on the same three processes (each with its own appointments,
 * phones and terminals); the processes' logs are scanned by {@code SuiteLogScanTest} at the end of the build.
 */
@Tag("processes")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReplicaProcessesTest {

    private static final long CONVERGENCE_LIMIT_MS = 1000;

    @RegisterExtension
    static final PostgresTestDatabase db = PostgresTestDatabase.perClass("replica_processes");

    private static TestSmsc smsc;
    private static FakeTerminalBackend backend;
    private static Cluster cluster;
    private static double startSeconds;

    @BeforeAll
    static void threeReplicasStartAtTheSameMomentOnTheEmptySchema() throws Exception {
        smsc = TestSmsc.started();
        backend = FakeTerminalBackend.started();
        List<String> args = new ArrayList<>(db.springArgs());
        args.addAll(List.of("--spring.profiles.active=postgres", "--logging.structured.format.console=ecs",
                "--passerelle.sms.smsc.port=" + smsc.port(), "--passerelle.sms.smsc.password=" + TestSmsc.DEFAULT_PASSWORD,
                "--passerelle.reminders.send-from=00:00", "--passerelle.reminders.send-until=23:59:59",
                "--passerelle.sms.poll-interval=100ms", "--passerelle.sms.batch-size=5",
                "--passerelle.sms.claim-lease=25s", "--passerelle.sms.housekeeping-interval=1s",
                "--passerelle.payments.backend.url=" + backend.url(),
                "--passerelle.payments.backend.read-timeout=10s", "--passerelle.payments.backend.status-timeout=5s",
                "--passerelle.payments.shutdown-grace=10s", "--passerelle.payments.recovery.not-found-after=30s",
                // answers are lost on purpose below: the breaker (tested elsewhere) must not open on them
                "--passerelle.channels.breakers.payments.sliding-window-size=100",
                "--passerelle.channels.breakers.payments.minimum-number-of-calls=100"));
        long t0 = System.nanoTime();
        cluster = Cluster.startTogether("replicas", List.of("A", "B", "C"), args);
        startSeconds = (System.nanoTime() - t0) / 1e9;
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
        if (smsc != null) {
            smsc.close();
        }
        if (backend != null) {
            backend.close();
        }
    }

    @Test
    @Order(1)
    void startedTogetherOnAnEmptySchemaEveryReplicaIsReadyAndEachMigrationRanOnce() throws Exception {
        System.out.printf("REPLICAS three processes started together, all ready in %.1f s%n", startSeconds);
        for (PasserelleProcess p : cluster.replicas()) {
            assertThat(p.readiness()).as("readiness of %s", p.logFile()).isEqualTo(200);
        }
        List<String> rows = new ArrayList<>();
        try (Connection c = db.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("select version, count(*), bool_and(success) from flyway_schema_history "
                     + "where version is not null group by version order by version")) {
            while (rs.next()) {
                rows.add(rs.getString(1) + " x" + rs.getLong(2) + (rs.getBoolean(3) ? " ok" : " FAILED"));
            }
        }
        Set<String> expected = migrationVersions();
        assertThat(rows).hasSize(expected.size()).allMatch(r -> r.endsWith(" x1 ok"));
        assertThat(rows.stream().map(r -> r.substring(0, r.indexOf(' '))).toList()).containsExactlyInAnyOrderElementsOf(expected);

        ValidateResult validation = Flyway.configure()
                .dataSource(db.jdbcUrl(), PostgresTestDatabase.username(), PostgresTestDatabase.password())
                .schemas(db.schema()).defaultSchema(db.schema())
                .locations("classpath:db/migration/common", "classpath:db/migration/postgresql")
                .load().validateWithResult();
        assertThat(validation.validationSuccessful).as("flyway validate: %s", validation.getAllErrorMessages()).isTrue();

        // between them the three logs report every migration applied once (one replica migrated, or they took
        // turns under the lock), and none failed
        int applied = 0;
        for (PasserelleProcess p : cluster.replicas()) {
            String log = Files.readString(p.logFile());
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("Successfully applied (\\d+) migration").matcher(log);
            while (m.find()) {
                applied += Integer.parseInt(m.group(1));
            }
            assertThat(log).doesNotContain("Migration of schema").doesNotContain("FlywayException");
        }
        assertThat(applied).as("migrations applied, all replicas together").isEqualTo(expected.size());
    }

    @Test
    @Order(2)
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void aKillSwitchChangeOnOneReplicaIsEnforcedByTheOthersWithinOneSecond() {
        // one change first, not timed: the first control call after a start pays class loading on every replica
        Api.ok(cluster.get(0).api().as(OPS).post("/api/channels/sms/suspend", reason("replica warm-up")));
        Api.ok(cluster.get(0).api().as(OPS).post("/api/channels/sms/resume", reason("replica warm-up")));
        await().atMost(Duration.ofSeconds(5)).until(() -> cluster.replicas().stream().allMatch(p ->
                every(p.api().as(OPS).get("/api/channels").json(), c -> c.path("open").asBoolean(false))));
        List<String> timings = new ArrayList<>();
        for (int r = 0; r < 3; r++) {
            int round = r;
            int actor = round % 3;
            timings.add(converge("suspend payments", actor,
                    api -> api.as(OPS).post("/api/channels/payments/suspend", reason("replica round " + round)),
                    "/api/channels/payments", s -> s.path("state").asText().equals("SUSPENDED") && !s.path("open").asBoolean(true)));
            for (int i = 0; i < 3; i++) {
                ApiResponse refused = takePayment(cluster.get(i).api(), "SUSPENDED-" + round + "-" + i, "suspended-" + round + "-" + i);
                assertThat(refused.status()).as("a payment on replica %d while suspended: %s", i, refused).isEqualTo(503);
            }
            timings.add(converge("resume payments", (actor + 1) % 3,
                    api -> api.as(OPS).post("/api/channels/payments/resume", reason("replica round " + round)),
                    "/api/channels/payments", s -> s.path("state").asText().equals("ACTIVE") && s.path("open").asBoolean(false)));
        }
        timings.add(converge("isolate", 1, api -> api.as(OPS).post("/api/incident/isolate", reason("replica drill")),
                "/api/channels", all -> every(all, c -> c.path("state").asText().equals("ISOLATED") && !c.path("open").asBoolean(true))));
        for (int i = 0; i < 3; i++) {
            assertThat(takePayment(cluster.get(i).api(), "ISOLATED-" + i, "isolated-" + i).status()).isEqualTo(503);
        }
        timings.add(converge("restore all", 2, api -> api.as(OPS).post("/api/incident/restore", Api.json(
                        Map.of("channels", List.of("sms", "payments", "scheduling"), "reason", "replica drill over"))),
                "/api/channels", all -> every(all, c -> c.path("state").asText().equals("ACTIVE") && c.path("open").asBoolean(false))));
        System.out.println("REPLICAS kill switch, observed on the two other processes: " + timings);
    }

    @Test
    @Order(3)
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void eachReminderIsSubmittedOnceAcrossTheReplicas() throws Exception {
        int n = 60;
        Instant start = Instant.now().plus(4, ChronoUnit.HOURS);
        for (int i = 0; i < n; i++) {
            int status = cluster.get(i % 3).api().as(SCHEDULER).put("/api/appointments/" + "ONCE-" + i,
                    appointment(phone(51, i), start, "PONTCHAILLOU")).status();
            assertThat(status).isEqualTo(201);
        }
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> acceptedPerIndex(51).size() == n && live("ONCE-") == 0);
        Thread.sleep(2_000); // a duplicate from a slower replica would arrive now
        Map<Integer, Integer> perReminder = acceptedPerIndex(51);
        assertThat(perReminder).hasSize(n);
        assertThat(perReminder.values()).as("submits per reminder at the SMSC").allMatch(c -> c == 1);
        assertThat(statuses("ONCE-").keySet()).isSubsetOf("SUBMITTED", "DELIVERED");
        System.out.println("REPLICAS " + n + " reminders booked on three replicas: " + statuses("ONCE-")
                + ", each submitted once; sent by the replicas " + submittedByReplica());
    }

    @Test
    @Order(4)
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void eachPaymentsRecoveryRunsOnOneReplica() throws Exception {
        Map<String, String> idByTerminal = new TreeMap<>();
        for (int t = 0; t < 6; t++) {
            String terminal = "LOST-" + t;
            backend.on(terminal, Behaviour.APPROVE_THEN_DROP);
            ApiResponse r = takePayment(cluster.get(t % 3).api(), terminal, "lost-" + t);
            assertThat(r.status()).as(r.describe()).isEqualTo(202);
            idByTerminal.put(terminal, r.json().path("id").asText());
        }
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> payments(idByTerminal.values()).values().stream().allMatch("APPROVED"::equals));
        Thread.sleep(2_000); // an inquiry from a second replica would arrive now
        Map<String, String> states = payments(idByTerminal.values());
        idByTerminal.forEach((terminal, id) -> {
            assertThat(states.get(id)).as("payment on %s", terminal).isEqualTo("APPROVED");
            assertThat(backend.count("Payment", terminal)).as("PaymentRequests on %s", terminal).isEqualTo(1);
            assertThat(backend.count("TransactionStatus", terminal))
                    .as("TransactionStatus inquiries for the payment on %s (one replica's recovery, not one per replica)", terminal)
                    .isEqualTo(1);
        });
    }

    @Test
    @Order(5)
    // three restarts one after the other: about 1.5 min alone on this machine, far more while other builds run
    @Timeout(value = 12, unit = TimeUnit.MINUTES)
    void aRollingRestartWhileRemindersAndPaymentsFlowLosesNothingAndChargesNothingTwice() throws Exception {
        backend.slowMillis = 1_500;
        Instant start = Instant.now().plus(4, ChronoUnit.HOURS);
        AtomicBoolean running = new AtomicBoolean(true);
        Map<String, String> paymentByKey = new ConcurrentHashMap<>();
        List<Integer> booked = java.util.Collections.synchronizedList(new ArrayList<>());
        List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        Thread scheduler = new Thread(() -> {
            for (int i = 0; running.get(); i++) {
                int index = i;
                ApiResponse r = cluster.call(api -> api.as(SCHEDULER).put("/api/appointments/ROLL-" + index,
                        appointment(phone(52, index), start, "PONTCHAILLOU")));
                if (r.status() == 201 || r.status() == 200) {
                    booked.add(index);
                } else {
                    failures.add(r.describe());
                }
                Cluster.sleep(150);
            }
        }, "rolling-scheduler");
        Thread cashier = new Thread(() -> {
            for (int i = 0; running.get(); i++) {
                String key = "roll-" + i;
                String terminal = "ROLL-" + i;
                backend.on(terminal, Behaviour.APPROVE_SLOWLY);
                ApiResponse r = cluster.call(api -> takePayment(api, terminal, key));
                if (r.status() == 202 || r.status() == 200) {
                    paymentByKey.put(key, r.json().path("id").asText());
                } else {
                    failures.add(r.describe());
                }
                Cluster.sleep(400);
            }
        }, "rolling-cashier");
        // an ops user at the console before the restart: the session is in the database, not in a replica
        String console = ScreenSession.logIn(cluster.get(0).port(), "ops");
        scheduler.start();
        cashier.start();
        List<String> steps;
        try {
            Cluster.sleep(2_000);
            steps = cluster.rollingRestart();
            Cluster.sleep(2_000);
        } finally {
            running.set(false);
            scheduler.join(60_000);
            cashier.join(60_000);
        }
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).until(() ->
                live("ROLL-") == 0 && acceptedPerIndex(52).size() == booked.size()
                        && payments(paymentByKey.values()).values().stream().allMatch(ReplicaProcessesTest::isFinal));
        Thread.sleep(2_000);

        assertThat(failures).as("requests refused during the rolling restart").isEmpty();
        for (PasserelleProcess p : cluster.replicas()) {
            assertThat(ScreenSession.get(p.port(), "/ops", console).statusCode())
                    .as("the console session of before the restart, on a restarted replica").isEqualTo(200);
        }
        for (List<Integer> readiness : cluster.readinessWhileStopping()) {
            // once DOWN, readiness never comes back UP before the port closes
            int down = readiness.indexOf(503);
            assertThat(down < 0 || !readiness.subList(down, readiness.size()).contains(200))
                    .as("readiness after SIGTERM: %s", readiness).isTrue();
        }
        Map<Integer, Integer> perReminder = acceptedPerIndex(52);
        assertThat(perReminder.keySet()).as("reminders submitted").containsExactlyInAnyOrderElementsOf(new TreeSet<>(booked));
        assertThat(perReminder.values()).as("submits per reminder").allMatch(c -> c == 1);
        Map<String, String> states = payments(paymentByKey.values());
        assertThat(states).hasSize(paymentByKey.size());
        assertThat(states.values()).as("payments after the rolling restart").allMatch("APPROVED"::equals);
        Map<String, Integer> requests = paymentRequestsPerPayment();
        for (String id : paymentByKey.values()) {
            assertThat(requests.get(id)).as("PaymentRequests of %s", id).isEqualTo(1);
        }
        assertThat(journaled("roll-")).as("payments journaled for the cashier's keys").isEqualTo(paymentByKey.size());
        for (PasserelleProcess p : cluster.replicas()) {
            assertThat(Files.readString(p.logFile())).as("no payment cut by a graceful stop")
                    .doesNotContain("still at the terminal after the shutdown grace");
        }
        System.out.println("REPLICAS rolling restart: " + steps + "; " + booked.size() + " reminders booked meanwhile: "
                + statuses("ROLL-") + ", each submitted once; " + paymentByKey.size() + " payments: " + byState(states)
                + ", one PaymentRequest each");
    }

    @Test
    @Order(6)
    void theReplicasLogInJsonAndNoLineHoldsPatientOrCardData() throws Exception {
        // the flows above carried phone numbers and reminder texts, and the backend's approvals full card data
        for (PasserelleProcess p : cluster.replicas()) {
            long lines = LogScan.logLines(p.logFile());
            assertThat(LogScan.jsonLines(p.logFile())).as("JSON lines in %s", p.logFile()).isEqualTo(lines).isGreaterThan(100);
            assertThat(LogScan.findings(p.logFile())).as("lines with patient or card data in %s", p.logFile()).isEmpty();
        }
    }

    /** Every channel ACTIVE, on every replica: a test that failed midway leaves no switch behind for the next. */
    @BeforeEach
    void baseline() {
        new ControlPlaneViaApi(cluster.get(0).api()).reset();
        await().atMost(Duration.ofSeconds(5)).until(() -> cluster.replicas().stream().allMatch(p ->
                every(p.api().as(OPS).get("/api/channels").json(), c -> c.path("open").asBoolean(false))));
    }

    // --- the kill switch ---

    private static boolean every(JsonNode channels, Predicate<JsonNode> test) {
        boolean all = channels.size() == 3;
        for (JsonNode c : channels) {
            all &= test.test(c);
        }
        return all;
    }

    /**
     * Sends the change to replica {@code actor}, then polls the two others until their API shows it applied (the
     * {@code open} flag is their own gate); returns the slower observer's time, asserting it is under 1 s.
     */
    private static String converge(String what, int actor, java.util.function.Function<Api, ApiResponse> change,
                                   String statusPath, Predicate<JsonNode> applied) {
        List<Integer> observers = Stream.of(0, 1, 2).filter(i -> i != actor).toList();
        for (int o : observers) {
            assertThat(applied.test(cluster.get(o).api().as(OPS).get(statusPath).json()))
                    .as("%s: replica %d shows it before the change", what, o).isFalse();
        }
        Map<Integer, Long> elapsed = new ConcurrentHashMap<>();
        long t0 = System.nanoTime();
        List<Thread> watchers = new ArrayList<>();
        for (int o : observers) {
            Thread w = new Thread(() -> {
                Api api = cluster.get(o).api();
                while (System.nanoTime() - t0 < 5_000_000_000L) {
                    if (applied.test(api.as(OPS).get(statusPath).json())) {
                        elapsed.put(o, (System.nanoTime() - t0) / 1_000_000);
                        return;
                    }
                }
            });
            w.start();
            watchers.add(w);
        }
        Api.ok(change.apply(cluster.get(actor).api()));
        for (Thread w : watchers) {
            try {
                w.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (int o : observers) {
            assertThat(elapsed.get(o)).as("%s on replica %d: ms until its gate showed it", what, o)
                    .isNotNull().isLessThan(CONVERGENCE_LIMIT_MS);
        }
        return what + " from replica " + actor + ": " + new TreeMap<>(elapsed) + " ms";
    }

    // --- payments ---

    private static ApiResponse takePayment(Api api, String terminal, String key) {
        return api.as(CASHIER).idempotencyKey(key).post("/api/payments",
                "{\"terminalId\":\"" + terminal + "\",\"amountMinor\":1250,\"reference\":\"REPLICA-" + key + "\"}");
    }

    private static boolean isFinal(String state) {
        return Set.of("APPROVED", "DECLINED", "FAILED", "CANCELLED").contains(state);
    }

    private static Map<String, String> payments(java.util.Collection<String> ids) throws Exception {
        Map<String, String> states = new HashMap<>();
        try (Connection c = db.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("select id, state, needs_human from payment")) {
            while (rs.next()) {
                if (ids.contains(rs.getString(1))) {
                    states.put(rs.getString(1), rs.getString(2) + (rs.getBoolean(3) ? "+human" : ""));
                }
            }
        }
        return states;
    }

    private static int journaled(String keyPrefix) throws Exception {
        try (Connection c = db.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("select count(*) from payment where reference like 'REPLICA-" + keyPrefix + "%'")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static Map<String, Integer> byState(Map<String, String> states) {
        Map<String, Integer> counts = new TreeMap<>();
        states.values().forEach(s -> counts.merge(s, 1, Integer::sum));
        return counts;
    }

    /** PaymentRequests the backend received, per SaleTransactionID (Passerelle's payment id). */
    private static Map<String, Integer> paymentRequestsPerPayment() {
        Map<String, Integer> counts = new HashMap<>();
        for (Received r : backend.received()) {
            if (r.category().equals("Payment")) {
                counts.merge(r.request().path("PaymentRequest").path("SaleData").path("SaleTransactionID")
                        .path("TransactionID").asText(), 1, Integer::sum);
            }
        }
        return counts;
    }

    // --- reminders ---

    /** Phone {@code 06 <block> <i as 6 digits>}: a submit names its reminder by the last six digits. */
    private static String phone(int block, int i) {
        return String.format("06 %02d %02d %02d %02d", block, i / 10000, i / 100 % 100, i % 100);
    }

    /** Accepted submits per reminder index, for the phones of {@code block}. */
    private static Map<Integer, Integer> acceptedPerIndex(int block) {
        Map<Integer, Integer> counts = new HashMap<>();
        for (ReceivedSubmit s : smsc.submits()) {
            String digits = s.destAddr().replaceAll("[^0-9]", "");
            if (s.accepted() && digits.length() >= 9 && digits.substring(digits.length() - 9).startsWith("6" + block)) {
                counts.merge(Integer.parseInt(digits.substring(digits.length() - 6)), 1, Integer::sum);
            }
        }
        return counts;
    }

    private static Map<String, Integer> statuses(String appointmentPrefix) throws Exception {
        Map<String, Integer> counts = new TreeMap<>();
        try (Connection c = db.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("select status, count(*) from reminder where appointment_id like '"
                     + appointmentPrefix + "%' group by status")) {
            while (rs.next()) {
                counts.put(rs.getString(1), rs.getInt(2));
            }
        }
        return counts;
    }

    private static int live(String appointmentPrefix) throws Exception {
        Map<String, Integer> s = statuses(appointmentPrefix);
        return s.getOrDefault("PENDING", 0) + s.getOrDefault("SENDING", 0);
    }

    /** Reminders each replica reports as submitted (its own counter), to show the work was shared. */
    private static List<String> submittedByReplica() {
        List<String> counts = new ArrayList<>();
        for (PasserelleProcess p : cluster.replicas()) {
            String metrics = p.api().as(OPS).get("/actuator/prometheus").body();
            counts.add(metrics.lines().filter(l -> l.startsWith("passerelle_sms_reminders_submitted_total"))
                    .map(l -> l.substring(l.lastIndexOf(' ') + 1)).findFirst().orElse("?"));
        }
        return counts;
    }

    private static Set<String> migrationVersions() throws IOException {
        Set<String> versions = new TreeSet<>();
        for (String dir : List.of("common", "postgresql")) {
            try (Stream<Path> files = Files.list(Path.of("src/main/resources/db/migration", dir))) {
                files.map(f -> f.getFileName().toString()).filter(f -> f.startsWith("V"))
                        .forEach(f -> versions.add(f.substring(1, f.indexOf("__")).replace('_', '.')));
            }
        }
        return versions;
    }
}

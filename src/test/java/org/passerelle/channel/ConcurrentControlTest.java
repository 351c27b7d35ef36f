package org.passerelle.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.passerelle.testsupport.Role.AUDITOR;
import static org.passerelle.testsupport.Role.OPS;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.passerelle.testsupport.Api;
import org.passerelle.testsupport.ApiResponse;
import org.passerelle.testsupport.PasserelleInstance;
import org.passerelle.testsupport.Replicas;

/**
 * Two replicas on one PostgreSQL schema taking many conflicting control calls at once. Every call is either
 * applied (200) or refused as an illegal transition (409), never a 500 (nor a 503: the database is fine);
 * every applied call has exactly its audit records and no refused one has any; each channel's audit is an
 * unbroken from→to chain ending in the database's state; and both replicas end up enforcing that state.
 */
class ConcurrentControlTest {

    private static final int THREADS = 20;
    private static final Set<String> STATE_ACTIONS = Set.of("SUSPEND", "RESUME", "ISOLATE", "RESTORE");

    @RegisterExtension
    static final Replicas replicas = Replicas.onPostgres("concurrency").named("A", "B");

    private static PasserelleInstance a;
    private static PasserelleInstance b;

    @BeforeAll
    static void replicas() {
        a = replicas.get("A");
        b = replicas.get("B");
    }

    @Test
    void twentyThreadsSuspendingAndResumingOneChannelOnBothReplicas() throws Exception {
        Map<String, String> stateBefore = channelStates();
        long mark = lastAuditId();

        AppliedHistory history = new AppliedHistory();
        List<Call> calls = race(15, (thread, i) -> {
            String op = ThreadLocalRandom.current().nextBoolean() ? "suspend" : "resume";
            String reason = "t" + thread + "#" + i + " " + op;
            return new Call(op, reason, "/api/channels/sms/" + op, Api.json(Map.of("reason", reason)));
        });

        assertOnly200Or409(calls);
        System.out.println("One-channel race: applied " + calls.stream().filter(c -> c.status == 200)
                .collect(Collectors.groupingBy(c -> c.op, TreeMap::new, Collectors.counting()))
                + ", refused " + calls.stream().filter(c -> c.status == 409).count());
        assertThat(calls).filteredOn(c -> c.status == 200).extracting(c -> c.op).contains("suspend", "resume");
        assertAuditMatchesAppliedCalls(calls, mark);
        assertStateChainsConsistent(stateBefore, mark);
        assertBothReplicasEnforceTheDatabaseState();
        history.assertNoReplicaWentBackInHistory(mark);
    }

    @Test
    void mixedControlCallsOnEveryChannelAndTheIncidentKeepEveryInvariant() throws Exception {
        Map<String, String> stateBefore = channelStates();
        Map<String, String> breakersBefore = breakerModes();
        long mark = lastAuditId();
        List<String> ids = List.of("sms", "payments", "scheduling");
        List<String> outbound = List.of("sms", "payments");

        AppliedHistory history = new AppliedHistory();
        List<Call> calls = race(15, (thread, i) -> {
            ThreadLocalRandom r = ThreadLocalRandom.current();
            String tag = "t" + thread + "#" + i + " ";
            String channel = ids.get(r.nextInt(ids.size()));
            return switch (r.nextInt(6)) {
                case 0 -> new Call("suspend", tag + "suspend " + channel, "/api/channels/" + channel + "/suspend",
                        Api.json(Map.of("reason", tag + "suspend " + channel)));
                case 1 -> new Call("resume", tag + "resume " + channel, "/api/channels/" + channel + "/resume",
                        Api.json(Map.of("reason", tag + "resume " + channel)));
                case 2 -> new Call("isolate", tag + "isolate", "/api/incident/isolate",
                        Api.json(Map.of("reason", tag + "isolate")));
                case 3 -> {
                    List<String> some = new ArrayList<>(ids);
                    java.util.Collections.shuffle(some, r);
                    some = some.subList(0, 1 + r.nextInt(ids.size()));
                    yield new Call("restore", tag + "restore " + some, "/api/incident/restore",
                            Api.json(Map.of("channels", some, "reason", tag + "restore " + some)), some.size());
                }
                default -> {
                    String c = outbound.get(r.nextInt(outbound.size()));
                    String action = List.of("FORCE_OPEN", "FORCE_CLOSED", "RESET").get(r.nextInt(3));
                    yield new Call("breaker", tag + "breaker " + c + " " + action, "/api/channels/" + c + "/breaker",
                            Api.json(Map.of("action", action, "reason", tag + "breaker " + c + " " + action)));
                }
            };
        });

        assertOnly200Or409(calls);
        Map<String, Long> applied = calls.stream().filter(c -> c.status == 200)
                .collect(Collectors.groupingBy(c -> c.op, TreeMap::new, Collectors.counting()));
        System.out.println("Mixed race: applied per operation " + applied + ", refused "
                + calls.stream().filter(c -> c.status == 409).count());
        assertThat(applied).containsKeys("suspend", "resume", "isolate", "restore", "breaker");

        assertAuditMatchesAppliedCalls(calls, mark);
        assertStateChainsConsistent(stateBefore, mark);
        assertBreakerChainsConsistent(breakersBefore, mark);
        assertIncidentsConsistent(mark);
        assertBothReplicasEnforceTheDatabaseState();
        history.assertNoReplicaWentBackInHistory(mark);
    }

    // ---- the race ----

    interface CallFactory {
        Call next(int thread, int iteration);
    }

    /** THREADS threads, half on each replica, released together, each making {@code perThread} calls. */
    private static List<Call> race(int perThread, CallFactory factory) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        CountDownLatch go = new CountDownLatch(1);
        ConcurrentLinkedQueue<Call> done = new ConcurrentLinkedQueue<>();
        List<Future<?>> futures = new ArrayList<>();
        try {
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                PasserelleInstance on = t % 2 == 0 ? a : b;
                futures.add(pool.submit(() -> {
                    go.await();
                    for (int i = 0; i < perThread; i++) {
                        Call call = factory.next(thread, i);
                        ApiResponse r = on.as(OPS).post(call.path, call.body);
                        call.instance = on.name();
                        call.status = r.status();
                        call.response = r.body();
                        done.add(call);
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> f : futures) {
                f.get(3, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(done).hasSize(THREADS * perThread);
        return new ArrayList<>(done);
    }

    private static final class Call {
        final String op;
        final String reason;
        final String path;
        final String body;
        final int auditRecords;
        volatile String instance;
        volatile int status;
        volatile String response;

        /** A call that, when applied, writes one audit record (isolate: one per channel). */
        Call(String op, String reason, String path, String body) {
            this(op, reason, path, body, op.equals("isolate") ? ChannelId.values().length : 1);
        }

        Call(String op, String reason, String path, String body, int auditRecords) {
            this.op = op;
            this.reason = reason;
            this.path = path;
            this.body = body;
            this.auditRecords = auditRecords;
        }

        @Override
        public String toString() {
            return instance + " " + path + " " + body + " → " + status + " " + response;
        }
    }

    /**
     * Watches what each replica enforces ({@link ChannelReconciler#applied()}) while the race runs, from a
     * thread per replica, and remembers every distinct snapshot. A replica may skip states (it polls), but it
     * must never go back: every channel record it applies must be the same or a later version than the one
     * it applied before. Each version is identified by its change reason, unique per call in these tests,
     * and ordered by the id of its audit record.
     */
    private static final class AppliedHistory {
        private final Map<String, List<ControlSnapshot>> seen = new java.util.concurrent.ConcurrentHashMap<>();
        private final List<Thread> watchers = new ArrayList<>();
        private volatile boolean watching = true;

        AppliedHistory() {
            for (PasserelleInstance replica : List.of(a, b)) {
                ChannelReconciler reconciler = replica.bean(ChannelReconciler.class);
                List<ControlSnapshot> snapshots = new ArrayList<>();
                seen.put(replica.name(), snapshots);
                Thread t = new Thread(() -> {
                    ControlSnapshot last = null;
                    while (watching) {
                        ControlSnapshot now = reconciler.applied();
                        if (now != last) {
                            snapshots.add(now);
                            last = now;
                        }
                        java.util.concurrent.locks.LockSupport.parkNanos(200_000);
                    }
                }, "applied-watcher-" + replica.name());
                t.setDaemon(true);
                t.start();
                watchers.add(t);
            }
        }

        void assertNoReplicaWentBackInHistory(long mark) throws Exception {
            watching = false;
            for (Thread t : watchers) {
                t.join(5_000);
            }
            Map<String, Long> versionOrder = new HashMap<>();
            for (AuditRow row : auditSince(mark)) {
                versionOrder.put(row.channel + "|" + row.reason, row.id);
            }
            seen.forEach((replica, snapshots) -> {
                long lastRevision = -1;
                Map<ChannelId, Long> lastVersion = new EnumMap<>(ChannelId.class);
                List<String> regressions = new ArrayList<>();
                for (ControlSnapshot snap : snapshots) {
                    if (snap.revision() < lastRevision) {
                        regressions.add("revision " + lastRevision + " → " + snap.revision());
                    }
                    lastRevision = snap.revision();
                    for (ChannelRecord r : snap.channels().values()) {
                        long version = versionOrder.getOrDefault(r.id().id() + "|" + r.changeReason(), -1L);
                        Long before = lastVersion.put(r.id(), version);
                        if (before != null && version < before) {
                            regressions.add("revision " + snap.revision() + ": " + r.id() + " went back from the version of audit #"
                                    + before + " to " + (version < 0 ? "an older one" : "audit #" + version)
                                    + " (" + r.state() + ", " + r.breakerMode() + ", '" + r.changeReason() + "')");
                        }
                    }
                }
                System.out.println("Replica " + replica + " applied " + snapshots.size() + " distinct snapshots during the race");
                assertThat(regressions).as("replica %s applied an older state after a newer one", replica).isEmpty();
            });
        }
    }

    // ---- assertions ----

    private static void assertOnly200Or409(List<Call> calls) {
        List<Call> unexpected = calls.stream().filter(c -> c.status != 200 && c.status != 409).toList();
        assertThat(unexpected).as("calls answered with neither 200 nor 409").isEmpty();
        calls.stream().filter(c -> c.status == 409).forEach(c ->
                assertThat(c.response).as("409 is a problem+json illegal transition: %s", c)
                        .contains("illegal-transition"));
    }

    /** Each applied call left audit records carrying its reason; no refused call left any. */
    private static void assertAuditMatchesAppliedCalls(List<Call> calls, long mark) throws SQLException {
        Map<String, Integer> recordsPerReason = new HashMap<>();
        for (AuditRow row : auditSince(mark)) {
            recordsPerReason.merge(row.reason, 1, Integer::sum);
        }
        for (Call c : calls) {
            Integer n = recordsPerReason.get(c.reason);
            if (c.status == 200) {
                assertThat(n).as("audit records of applied call %s", c).isEqualTo(c.auditRecords);
            } else {
                assertThat(n).as("audit records of refused call %s", c).isNull();
            }
        }
        assertThat(recordsPerReason.keySet()).as("no audit record without an applied call")
                .isSubsetOf(calls.stream().filter(c -> c.status == 200).map(c -> c.reason).toList());
    }

    /** Per channel, ordered by id: each record's from is the previous record's to; the last to is the state. */
    private static void assertStateChainsConsistent(Map<String, String> before, long mark) throws SQLException {
        Map<String, String> now = channelStates();
        for (String channel : now.keySet()) {
            String expectedFrom = before.get(channel);
            int links = 0;
            for (AuditRow row : auditSince(mark)) {
                if (!row.channel.equals(channel) || !STATE_ACTIONS.contains(row.action)) {
                    continue;
                }
                assertThat(row.from).as("%s record %s: from must be the previous to", channel, row.id).isEqualTo(expectedFrom);
                assertThat(row.to).as("%s record %s changes something", channel, row.id).isNotEqualTo(row.from);
                assertThat(row.to).isEqualTo(switch (row.action) {
                    case "SUSPEND" -> "SUSPENDED";
                    case "ISOLATE" -> "ISOLATED";
                    default -> "ACTIVE";
                });
                expectedFrom = row.to;
                links++;
            }
            assertThat(now.get(channel)).as("%s: the database state is the end of its audit chain (%d links)", channel, links)
                    .isEqualTo(expectedFrom);
        }
    }

    private static void assertBreakerChainsConsistent(Map<String, String> before, long mark) throws SQLException {
        Map<String, String> now = breakerModes();
        for (String channel : now.keySet()) {
            String expectedFrom = before.get(channel);
            for (AuditRow row : auditSince(mark)) {
                if (row.channel.equals(channel) && row.action.startsWith("BREAKER_")) {
                    assertThat(row.from).as("%s breaker record %s", channel, row.id).isEqualTo(expectedFrom);
                    expectedFrom = row.to;
                }
            }
            assertThat(now.get(channel)).as("%s breaker mode is the end of its audit chain", channel).isEqualTo(expectedFrom);
        }
    }

    /**
     * At most one incident is open, it is the control plane's, and it is open exactly when some channel is
     * isolated; every isolation isolated all channels under one new incident; every restore names the
     * incident that was open.
     */
    private static void assertIncidentsConsistent(long mark) throws SQLException {
        try (Connection c = replicas.db().connect(); Statement st = c.createStatement()) {
            List<Long> open = new ArrayList<>();
            try (ResultSet rs = st.executeQuery("select id from incident where closed_at is null")) {
                while (rs.next()) {
                    open.add(rs.getLong(1));
                }
            }
            Long current;
            try (ResultSet rs = st.executeQuery("select open_incident_id from control_plane where id = 1")) {
                rs.next();
                current = rs.getObject(1, Long.class);
            }
            assertThat(open).hasSizeLessThanOrEqualTo(1);
            assertThat(open).isEqualTo(current == null ? List.of() : List.of(current));
            boolean anyIsolated = channelStates().containsValue("ISOLATED");
            assertThat(current != null).as("an incident is open exactly when a channel is isolated").isEqualTo(anyIsolated);
        }
        Map<Long, List<AuditRow>> isolations = auditSince(mark).stream().filter(r -> r.action.equals("ISOLATE"))
                .collect(Collectors.groupingBy(r -> r.incident));
        isolations.forEach((incident, rows) -> assertThat(rows).extracting(r -> r.channel)
                .containsExactlyInAnyOrder("sms", "payments", "scheduling"));
        Long openIncident = null;
        for (AuditRow row : auditSince(mark)) {
            if (row.action.equals("ISOLATE")) {
                openIncident = row.incident;
            } else if (row.action.equals("RESTORE")) {
                assertThat(row.incident).as("restore record %s names the incident it belongs to", row.id).isNotNull();
                if (openIncident != null) {
                    assertThat(row.incident).isEqualTo(openIncident);
                }
            }
        }
    }

    private static void assertBothReplicasEnforceTheDatabaseState() throws SQLException {
        Map<String, String> states = channelStates();
        Map<String, String> modes = breakerModes();
        long revision = a.bean(ChannelStore.class).revision();
        for (PasserelleInstance replica : List.of(a, b)) {
            await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(20)).untilAsserted(() -> {
                assertThat(replica.bean(ChannelReconciler.class).applied().revision())
                        .as("%s applied revision", replica).isEqualTo(revision);
                ChannelGate gate = replica.bean(ChannelGate.class);
                ChannelBreakers breakers = replica.bean(ChannelBreakers.class);
                for (ChannelId id : ChannelId.values()) {
                    assertThat(gate.appliedState(id).name()).as("%s %s state", replica, id).isEqualTo(states.get(id.id()));
                    if (id.hasBreaker()) {
                        CircuitBreaker.State expected = switch (modes.get(id.id())) {
                            case "FORCED_OPEN" -> CircuitBreaker.State.FORCED_OPEN;
                            case "FORCED_CLOSED" -> CircuitBreaker.State.DISABLED;
                            default -> CircuitBreaker.State.CLOSED;
                        };
                        assertThat(breakers.breaker(id).getState()).as("%s %s breaker", replica, id).isEqualTo(expected);
                    }
                }
            });
            for (ChannelId id : ChannelId.values()) {
                var status = replica.as(AUDITOR).get("/api/channels/" + id.id()).json();
                assertThat(status.path("state").asText()).as("%s GET %s", replica, id).isEqualTo(states.get(id.id()));
            }
        }
    }

    // ---- the database, read directly ----

    private record AuditRow(long id, String channel, String action, String from, String to, String reason, Long incident) {
    }

    private static List<AuditRow> auditSince(long mark) throws SQLException {
        try (Connection c = replicas.db().connect(); PreparedStatement ps = c.prepareStatement("""
                select id, channel_id, action, from_value, to_value, reason, incident_id
                from channel_audit where id > ? order by id""")) {
            ps.setLong(1, mark);
            List<AuditRow> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new AuditRow(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6), rs.getObject(7, Long.class)));
                }
            }
            return rows;
        }
    }

    private static long lastAuditId() throws SQLException {
        try (Connection c = replicas.db().connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("select coalesce(max(id), 0) from channel_audit")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static Map<String, String> channelStates() throws SQLException {
        return column("state");
    }

    private static Map<String, String> breakerModes() throws SQLException {
        Map<String, String> modes = column("breaker_mode");
        modes.remove("scheduling");
        return modes;
    }

    private static Map<String, String> column(String column) throws SQLException {
        Map<String, String> values = new HashMap<>();
        try (Connection c = replicas.db().connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("select id, " + column + " from channel")) {
            while (rs.next()) {
                values.put(rs.getString(1), rs.getString(2));
            }
        }
        return values;
    }
}

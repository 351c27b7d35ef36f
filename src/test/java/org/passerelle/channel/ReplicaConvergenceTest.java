package org.passerelle.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.passerelle.testsupport.Api.reason;
import static org.passerelle.testsupport.Role.AUDITOR;
import static org.passerelle.testsupport.Role.OPS;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.passerelle.testsupport.Api;
import org.passerelle.testsupport.ApiResponse;
import org.passerelle.testsupport.PasserelleInstance;
import org.passerelle.testsupport.Replicas;

/**
 * Two full replicas on one PostgreSQL schema: a control change made through one is enforced by the other
 * within 1 s, both at its gate (what outbound calls check) and in what its API reports.
 *
 * <p>Each time is measured from the moment the HTTP request is sent to the acting replica (so it includes
 * that replica's own work), to the moment the observing replica's gate has changed, and to the moment its
 * GET shows the new state.
 */
class ReplicaConvergenceTest {

    private static final long LIMIT_MS = 1000;
    private static final int ROUNDS = 5;

    @RegisterExtension
    static final Replicas replicas = Replicas.onPostgres("convergence").named("A", "B");

    private static PasserelleInstance a;
    private static PasserelleInstance b;

    private final Map<String, List<Measurement>> measurements = new LinkedHashMap<>();
    private int roundCounter;

    @BeforeAll
    static void replicas() {
        a = replicas.get("A");
        b = replicas.get("B");
    }

    @Test
    void theSecondReplicaFoundTheSchemaCurrentAndRanNoMigrationAgain() throws SQLException {
        try (Connection c = replicas.db().connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("select version, count(*), bool_and(success) from flyway_schema_history "
                     + "where version is not null group by version order by version")) {
            List<String> rows = new ArrayList<>();
            while (rs.next()) {
                rows.add(rs.getString(1) + " x" + rs.getLong(2) + (rs.getBoolean(3) ? " ok" : " FAILED"));
            }
            assertThat(rows).contains("1 x1 ok", "2 x1 ok").allMatch(r -> r.endsWith(" x1 ok"));
        }
        assertThat(a.bean(ChannelStore.class).revision()).isEqualTo(b.bean(ChannelStore.class).revision());
    }

    @Test
    void everyControlChangeConvergesOnTheOtherReplicaWithinOneSecond() {
        for (int round = 0; round < ROUNDS; round++) {
            measure("suspend sms", a, b,
                    () -> a.as(OPS).post("/api/channels/sms/suspend", reason("convergence round " + round())),
                    gate -> !gate.isOpen(ChannelId.SMS),
                    "/api/channels/sms", s -> s.path("state").asText().equals("SUSPENDED") && !s.path("open").asBoolean(true));
            measure("resume sms", a, b,
                    () -> a.as(OPS).post("/api/channels/sms/resume", reason("convergence round " + round())),
                    gate -> gate.isOpen(ChannelId.SMS),
                    "/api/channels/sms", s -> s.path("state").asText().equals("ACTIVE") && s.path("open").asBoolean(false));
        }
        for (int round = 0; round < ROUNDS; round++) {
            measure("isolate", a, b,
                    () -> a.as(OPS).post("/api/incident/isolate", reason("convergence round " + round())),
                    gate -> !gate.isOpen(ChannelId.SMS) && !gate.isOpen(ChannelId.PAYMENTS) && !gate.isOpen(ChannelId.SCHEDULING)
                            && !gate.allowsRecovery(ChannelId.SMS) && !gate.allowsRecovery(ChannelId.PAYMENTS),
                    "/api/channels", all -> states(all).equals(List.of("ISOLATED", "ISOLATED", "ISOLATED"))
                            && all.findValues("open").stream().noneMatch(o -> o.asBoolean(true))
                            && all.findValues("incidentId").size() == 3);
            measure("restore sms", a, b,
                    () -> a.as(OPS).post("/api/incident/restore", Api.json(
                            Map.of("channels", List.of("sms"), "reason", "convergence round " + round()))),
                    gate -> gate.isOpen(ChannelId.SMS),
                    "/api/channels", all -> states(all).equals(List.of("ACTIVE", "ISOLATED", "ISOLATED"))
                            && all.get(0).path("open").asBoolean(false)
                            && all.findValues("incidentId").size() == 3);
            measure("restore payments+scheduling", a, b,
                    () -> a.as(OPS).post("/api/incident/restore", Api.json(
                            Map.of("channels", List.of("payments", "scheduling"), "reason", "convergence round " + round()))),
                    gate -> gate.isOpen(ChannelId.PAYMENTS) && gate.isOpen(ChannelId.SCHEDULING),
                    "/api/channels", all -> states(all).equals(List.of("ACTIVE", "ACTIVE", "ACTIVE"))
                            && all.findValues("incidentId").isEmpty());
        }
        // The other way round once: B acts, A observes.
        measure("suspend sms (B→A)", b, a,
                () -> b.as(OPS).post("/api/channels/sms/suspend", reason("reverse direction")),
                gate -> !gate.isOpen(ChannelId.SMS),
                "/api/channels/sms", s -> s.path("state").asText().equals("SUSPENDED"));
        measure("resume sms (B→A)", b, a,
                () -> b.as(OPS).post("/api/channels/sms/resume", reason("reverse direction")),
                gate -> gate.isOpen(ChannelId.SMS),
                "/api/channels/sms", s -> s.path("state").asText().equals("ACTIVE"));

        report();
        measurements.forEach((op, list) -> list.forEach(m -> {
            assertThat(m.gateMs).as("%s: observer gate converged in %d ms", op, m.gateMs).isLessThan(LIMIT_MS);
            assertThat(m.apiMs).as("%s: observer API converged in %d ms", op, m.apiMs).isLessThan(LIMIT_MS);
        }));
    }

    private String round() {
        return String.valueOf(++roundCounter);
    }

    private static List<String> states(JsonNode all) {
        List<String> states = new ArrayList<>();
        all.forEach(c -> states.add(c.path("state").asText()));
        return states;
    }

    private void measure(String op, PasserelleInstance actor, PasserelleInstance observer, Supplier<ApiResponse> change,
                         Predicate<ChannelGate> gateConverged, String statusPath, Predicate<JsonNode> apiConverged) {
        ChannelGate observed = observer.bean(ChannelGate.class);
        assertThat(gateConverged.test(observed)).as("%s: %s must not show the result before the change", op, observer).isFalse();
        assertThat(apiConverged.test(observer.as(AUDITOR).get(statusPath).json())).isFalse();

        AtomicLong gateAt = new AtomicLong(-1);
        long deadline = System.nanoTime() + 5_000_000_000L;
        Thread watcher = new Thread(() -> {
            while (!gateConverged.test(observed)) {
                if (System.nanoTime() > deadline) {
                    return;
                }
                LockSupport.parkNanos(1_000_000);
            }
            gateAt.set(System.nanoTime());
        }, "gate-watcher");
        watcher.setDaemon(true);
        watcher.start();

        long sent = System.nanoTime();
        ApiResponse response = change.get();
        long answered = System.nanoTime();
        assertThat(response.status()).as("%s on %s: %s", op, actor, response).isEqualTo(200);

        long apiAt = -1;
        while (System.nanoTime() < deadline) {
            ApiResponse status = observer.as(AUDITOR).get(statusPath);
            long at = System.nanoTime();
            assertThat(status.status()).isEqualTo(200);
            if (apiConverged.test(status.json())) {
                apiAt = at;
                break;
            }
            LockSupport.parkNanos(1_000_000);
        }
        try {
            watcher.join(6_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        assertThat(gateAt.get()).as("%s: %s gate never converged within 5 s", op, observer).isPositive();
        assertThat(apiAt).as("%s: %s API never converged within 5 s", op, observer).isPositive();
        measurements.computeIfAbsent(op, k -> new ArrayList<>()).add(new Measurement(
                ms(answered - sent), ms(gateAt.get() - sent), ms(apiAt - sent)));
    }

    private static long ms(long nanos) {
        return Math.max(0, nanos / 1_000_000);
    }

    private void report() {
        StringBuilder out = new StringBuilder("\n=== Replica convergence (PostgreSQL, reconcile-interval ")
                .append(a.bean(ChannelProperties.class).reconcileInterval().toMillis())
                .append(" ms; ms from request sent on the acting replica) ===\n")
                .append(String.format("%-30s %5s  %-24s %-24s %-24s%n", "operation", "n",
                        "actor response min/med/max", "observer gate min/med/max", "observer API min/med/max"));
        measurements.forEach((op, list) -> out.append(String.format("%-30s %5d  %-24s %-24s %-24s%n", op, list.size(),
                stats(list.stream().map(m -> m.responseMs).toList()),
                stats(list.stream().map(m -> m.gateMs).toList()),
                stats(list.stream().map(m -> m.apiMs).toList()))));
        out.append("samples (response/gate/API ms):\n");
        measurements.forEach((op, list) -> out.append(String.format("  %-28s %s%n", op, list.stream()
                .map(m -> m.responseMs + "/" + m.gateMs + "/" + m.apiMs).toList())));
        out.append(String.format("system load average %.2f on %d cpus%n",
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                Runtime.getRuntime().availableProcessors()));
        System.out.println(out);
    }

    private static String stats(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(0) + " / " + sorted.get(sorted.size() / 2) + " / " + sorted.get(sorted.size() - 1);
    }

    private record Measurement(long responseMs, long gateMs, long apiMs) {
    }
}

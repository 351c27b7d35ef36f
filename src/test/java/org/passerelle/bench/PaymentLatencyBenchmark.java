package org.passerelle.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.passerelle.payment.nexo.NexoMessages;
import org.passerelle.payment.nexo.ServiceIds;
import org.passerelle.testsupport.Api;
import org.passerelle.testsupport.ApiResponse;
import org.passerelle.testsupport.terminal.Behaviour;
import org.passerelle.testsupport.terminal.FakeTerminalBackend;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * What Passerelle adds to a card payment, against the same terminal backend called directly, and how
 * fast a payment is refused while payments are suspended, and what other requests take while 500 desks wait on
 * long polls. Not part of the normal run: {@code mvn -B -Pbenchmark test -Dtest=PaymentLatencyBenchmark}. Each
 * figure is the median over {@code bench.rounds} rounds of {@code bench.runs} sequential calls. Results go to stdout,
 * target/benchmarks/payments.txt and target/benchmarks/results/PaymentLatencyBenchmark.tsv.
 */
@Tag("benchmark")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        // the terminals of the long-poll section never answer: their payments must stay pending while measured
        "passerelle.payments.backend.read-timeout=60s", "passerelle.payments.recovery.not-found-after=90s",
        "passerelle.payments.recovery.received-grace=5m", "logging.level.org.passerelle.payment=WARN"})
@ActiveProfiles("test")
class PaymentLatencyBenchmark {

    private static final int WARM_UP = 100;
    private static final int ROUNDS = Integer.getInteger("bench.rounds", 3);
    private static final int RUNS = Integer.getInteger("bench.runs", 300);
    private static final int WAITING_DESKS = 500;
    private static final Duration POLL_WAIT = Duration.ofSeconds(20);
    private static final BenchResults RESULTS = new BenchResults(PaymentLatencyBenchmark.class);
    private static final FakeTerminalBackend BACKEND = FakeTerminalBackend.started();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final StringBuilder REPORT = new StringBuilder();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("passerelle.payments.backend.url", BACKEND::url);
        // the test users (bcrypt cost 4) plus one with the production cost 10, to show what HTTP Basic costs.
        // A list given here replaces application-test.yml's whole, so its users are read from it and given again.
        JsonNode users = testUsers();
        for (int i = 0; i < users.size(); i++) {
            JsonNode user = users.get(i);
            String prefix = "passerelle.security.users[" + i + "].";
            registry.add(prefix + "username", () -> user.path("username").asText());
            registry.add(prefix + "password", () -> user.path("password").asText());
            List<String> roles = new ArrayList<>();
            user.path("roles").forEach(r -> roles.add(r.asText()));
            registry.add(prefix + "roles", () -> String.join(",", roles));
        }
        String prefix = "passerelle.security.users[" + users.size() + "].";
        registry.add(prefix + "username", () -> "cashier10");
        registry.add(prefix + "password", () -> "{bcrypt}" + new BCryptPasswordEncoder(10).encode("cashier10"));
        registry.add(prefix + "roles", () -> "CASHIER");
    }

    private static JsonNode testUsers() {
        try (var in = PaymentLatencyBenchmark.class.getResourceAsStream("/application-test.yml")) {
            return new YAMLMapper().readTree(in).path("passerelle").path("security").path("users");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @AfterAll
    static void write() throws IOException {
        Path out = Path.of("target", "benchmarks", "payments.txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, REPORT.toString());
        BACKEND.close();
    }

    @Test
    void latencyAddedToAPaymentAndRefusalTimeWhileSuspended() throws Exception {
        line("Payments benchmark " + Instant.now() + ", " + Runtime.getRuntime().availableProcessors() + " CPUs, H2, "
                + ROUNDS + " rounds of " + RUNS + " sequential runs after " + WARM_UP + " warm-up; times in ms, "
                + "each figure the median over the rounds");

        for (int i = 0; i < WARM_UP; i++) {
            direct("BENCH-DIRECT");
            viaPasserelle("BENCH-GW", "cashier");
        }
        Rounds direct = new Rounds();
        Rounds accepted = new Rounds();
        Rounds total = new Rounds();
        Rounds added = new Rounds();
        Rounds cpu = new Rounds();
        Rounds serverCpu = new Rounds();
        for (int round = 0; round < ROUNDS; round++) {
            long[] d = new long[RUNS];
            long[] a = new long[RUNS];
            long[] t = new long[RUNS];
            long cpu0 = processCpuNanos();
            java.util.Map<Long, Long> server0 = serverThreadCpuNanos();
            for (int i = 0; i < RUNS; i++) {
                d[i] = direct("BENCH-DIRECT");
                long[] via = viaPasserelle("BENCH-GW", "cashier");
                a[i] = via[0];
                t[i] = via[1];
            }
            cpu.add((processCpuNanos() - cpu0) / 1e3 / RUNS);
            long serverNanos = 0;
            for (var e : serverThreadCpuNanos().entrySet()) {
                serverNanos += e.getValue() - server0.getOrDefault(e.getKey(), 0L);
            }
            serverCpu.add(serverNanos / 1e3 / RUNS);
            direct.add(d);
            accepted.add(a);
            total.add(t);
            added.add(pct(t, 50) - pct(d, 50), pct(t, 99) - pct(d, 99));
        }
        report("backend called directly (PaymentRequest → PaymentResponse)", direct);
        report("Passerelle: POST /api/payments → 202", accepted);
        report("Passerelle: POST → 202, then GET ?wait → APPROVED", total);
        line(String.format(Locale.ROOT, "added by Passerelle: median %+.2f ms, p99 %+.2f ms",
                added.median(0) / 1e3, added.median(1) / 1e3));
        tsv("payments", "POST→202→GET ?wait→APPROVED, median", "backend called directly", direct.median(0), total.median(0), "<=5 ms added");
        tsv("payments", "POST→202→GET ?wait→APPROVED, p99", "backend called directly", direct.median(2), total.median(2), "<=15 ms added");
        tsv("payments", "added by Passerelle, median", null, 0, added.median(0), "<=5 ms");
        tsv("payments", "added by Passerelle, p99", null, 0, added.median(1), "<=15 ms");
        // CPU rather than time: on a shared machine it moves much less with the load than the latencies above
        line(String.format(Locale.ROOT, "CPU of this JVM per run (server, clients and fake backend; direct call + payment): "
                + "%.2f ms", cpu.median(0) / 1e3));
        tsv("payments", "CPU per run (direct call + payment via Passerelle), whole JVM", null, 0, cpu.median(0), "-");
        line(String.format(Locale.ROOT, "CPU of Passerelle's request and payment-worker threads per payment: %.2f ms",
                serverCpu.median(0) / 1e3));
        tsv("payments", "CPU per payment, Passerelle's request and worker threads", null, 0, serverCpu.median(0), "-");

        send("ops", "POST", "/api/channels/payments/suspend", "{\"reason\":\"benchmark\"}", null);
        try {
            Rounds refusedCost4 = refusals("cashier");
            Rounds refusedCost10 = refusals("cashier10");
            report("refused while suspended (503), cost-4 user", refusedCost4);
            report("refused while suspended (503), bcrypt cost-10 user", refusedCost10);
            tsv("payments", "refused while suspended, p99", null, 0, refusedCost4.median(2), "<=10 ms");
            tsv("payments", "refused while suspended, bcrypt cost 10, p99", null, 0, refusedCost10.median(2), "-");
        } finally {
            send("ops", "POST", "/api/channels/payments/resume", "{\"reason\":\"benchmark over\"}", null);
        }
        otherRequestsWhileDesksWait();
        System.out.println(REPORT);
    }

    /**
     * Other requests (a payment read, the channel list) with nobody waiting, then while 500 desks wait on long polls
     * for payments whose terminals never answer. Last: those payments stay unsettled.
     */
    private void otherRequestsWhileDesksWait() throws Exception {
        String settled = JSON.readTree(send("cashier", "POST", "/api/payments", paymentBody("BENCH-OTHER"),
                UUID.randomUUID().toString()).body()).path("id").asText();
        send("cashier", "GET", "/api/payments/" + settled + "?wait=10s", null, null);
        Rounds alone = otherRequests(settled);

        List<String> waitedFor = new ArrayList<>();
        for (int i = 0; i < WAITING_DESKS; i++) {
            String terminal = "BENCH-WAIT-" + i;
            BACKEND.on(terminal, Behaviour.NEVER_ANSWER);
            ApiResponse r = send("cashier", "POST", "/api/payments", paymentBody(terminal), UUID.randomUUID().toString());
            waitedFor.add(JSON.readTree(r.body()).path("id").asText());
        }
        List<CompletableFuture<HttpResponse<String>>> polls = new ArrayList<>();
        for (String id : waitedFor) {
            polls.add(http.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/payments/" + id
                            + "?wait=" + POLL_WAIT.toSeconds() + "s")).header("Authorization", basic("cashier"))
                            .timeout(POLL_WAIT.plusSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        Thread.sleep(2_000); // every poll is in and waiting
        long answeredEarly = polls.stream().filter(CompletableFuture::isDone).count();
        Rounds whileWaiting = otherRequests(settled);
        report("other requests (payment read, channel list), nobody waiting", alone);
        report("other requests while " + WAITING_DESKS + " long polls wait", whileWaiting);
        line(WAITING_DESKS + " long polls waiting, " + answeredEarly + " answered before their payment settled");
        tsv("payments", "other requests p99 while " + WAITING_DESKS + " long polls wait", "same requests, no poll waiting",
                alone.median(2), whileWaiting.median(2), "-");
        BACKEND.releaseHeld();
        for (CompletableFuture<HttpResponse<String>> poll : polls) { // each answers as its wait ends: still pending
            if (poll.get().statusCode() != 200) {
                throw new IllegalStateException("a long poll answered " + poll.get().statusCode());
            }
        }
    }

    private Rounds otherRequests(String paymentId) {
        Rounds rounds = new Rounds();
        for (int round = 0; round < ROUNDS; round++) {
            long[] times = new long[RUNS];
            for (int i = 0; i < RUNS; i++) {
                long t0 = System.nanoTime();
                ApiResponse r = i % 2 == 0 ? send("cashier", "GET", "/api/payments/" + paymentId, null, null)
                        : send("ops", "GET", "/api/channels", null, null);
                times[i] = (System.nanoTime() - t0) / 1_000;
                if (r.status() != 200) {
                    throw new IllegalStateException("expected 200, got " + r.status() + " " + r.body());
                }
            }
            rounds.add(times);
        }
        return rounds;
    }

    private static String basic(String user) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8));
    }

    private Rounds refusals(String user) throws Exception {
        for (int i = 0; i < WARM_UP; i++) {
            refuse(user);
        }
        Rounds rounds = new Rounds();
        for (int round = 0; round < ROUNDS; round++) {
            long[] times = new long[RUNS];
            for (int i = 0; i < RUNS; i++) {
                times[i] = refuse(user);
            }
            rounds.add(times);
        }
        return rounds;
    }

    /** Per round: median, p90, p99, max (µs); the figure reported is each one's median over the rounds. */
    private static final class Rounds {
        private final List<double[]> figures = new ArrayList<>();

        void add(long[] micros) {
            long[] sorted = micros.clone();
            Arrays.sort(sorted);
            figures.add(new double[] {pct(sorted, 50), pct(sorted, 90), pct(sorted, 99), sorted[sorted.length - 1]});
        }

        void add(double... values) {
            figures.add(values);
        }

        double median(int figure) {
            double[] v = figures.stream().mapToDouble(f -> f[figure]).sorted().toArray();
            return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
        }
    }

    private long refuse(String user) throws Exception {
        long t0 = System.nanoTime();
        ApiResponse r = send(user, "POST", "/api/payments", paymentBody("BENCH-REFUSED"), UUID.randomUUID().toString());
        long micros = (System.nanoTime() - t0) / 1_000;
        if (r.status() != 503) {
            throw new IllegalStateException("expected 503, got " + r.status() + " " + r.body());
        }
        return micros;
    }

    /** The same PaymentRequest Passerelle would send, straight to the backend. */
    private long direct(String terminal) throws Exception {
        NexoMessages.Outgoing m = NexoMessages.payment("DIRECT", terminal, ServiceIds.next(), UUID.randomUUID().toString(),
                Instant.now(), 4_250, "EUR");
        long t0 = System.nanoTime();
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(BACKEND.url()))
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(m.body()))).build(),
                HttpResponse.BodyHandlers.ofString());
        long micros = (System.nanoTime() - t0) / 1_000;
        if (!JSON.readTree(r.body()).path("SaleToPOIResponse").path("PaymentResponse").path("Response")
                .path("Result").asText().equals("Success")) {
            throw new IllegalStateException("direct payment not approved: " + r.body());
        }
        return micros;
    }

    /** Microseconds to the 202, and to the approved answer of the long poll. */
    private long[] viaPasserelle(String terminal, String user) throws Exception {
        long t0 = System.nanoTime();
        ApiResponse posted = send(user, "POST", "/api/payments", paymentBody(terminal), UUID.randomUUID().toString());
        long accepted = (System.nanoTime() - t0) / 1_000;
        if (posted.status() != 202) {
            throw new IllegalStateException("expected 202, got " + posted.status() + " " + posted.body());
        }
        String id = JSON.readTree(posted.body()).path("id").asText();
        ApiResponse done = send(user, "GET", "/api/payments/" + id + "?wait=10s", null, null);
        long total = (System.nanoTime() - t0) / 1_000;
        if (!JSON.readTree(done.body()).path("state").asText().equals("APPROVED")) {
            throw new IllegalStateException("not approved: " + done.body());
        }
        return new long[] {accepted, total};
    }

    /** As {@code user} (password = name; "cashier10" is this benchmark's own bcrypt cost-10 user). */
    private ApiResponse send(String user, String method, String path, String body, String key) {
        return Api.onPort(port).withCredentials(user, user).idempotencyKey(key).send(method, path, "application/json", body);
    }

    private static String paymentBody(String terminal) {
        return "{\"terminalId\":\"" + terminal + "\",\"amountMinor\":4250,\"reference\":\"BENCH-1\"}";
    }

    private static void report(String what, Rounds r) {
        line(String.format(Locale.ROOT, "%-58s median %7.2f  p90 %7.2f  p99 %7.2f  max %7.2f", what,
                r.median(0) / 1e3, r.median(1) / 1e3, r.median(2) / 1e3, r.median(3) / 1e3));
    }

    /** Times in µs, written in ms. */
    private static void tsv(String section, String metric, String referenceName, double reference, double ours,
                            String target) {
        RESULTS.figure(section, metric, referenceName == null ? "-" : referenceName,
                referenceName == null ? null : reference / 1e3, ours / 1e3, "ms", "lower", target);
    }

    /** CPU time of this whole JVM so far: Passerelle, the HTTP clients and the fake backend all run in it. */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** CPU time so far of each Tomcat request thread and payment worker (JIT, GC and timers left out). */
    private static java.util.Map<Long, Long> serverThreadCpuNanos() {
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        java.util.Map<Long, Long> cpu = new java.util.HashMap<>();
        for (java.lang.management.ThreadInfo t : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (t != null && (t.getThreadName().startsWith("http-nio") || t.getThreadName().contains("seda://payment-accepted"))) {
                long nanos = threads.getThreadCpuTime(t.getThreadId());
                if (nanos >= 0) {
                    cpu.put(t.getThreadId(), nanos);
                }
            }
        }
        return cpu;
    }

    private static double pct(long[] values, int percentile) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private static void line(String text) {
        REPORT.append(text).append('\n');
    }
}

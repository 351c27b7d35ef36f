package org.passerelle.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.passerelle.payment.nexo.NexoMessages;
import org.passerelle.payment.nexo.ServiceIds;
import org.passerelle.testsupport.Api;
import org.passerelle.testsupport.ApiResponse;
import org.passerelle.testsupport.terminal.FakeTerminalBackend;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * What Passerelle adds to a card payment, against the same terminal backend called directly, and how
 * fast a payment is refused while payments are suspended. Not part of the normal run; see
 * docs/benchmarks.md for the command. Results go to stdout and target/benchmarks/payments.txt.
 */
@Tag("benchmark")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class PaymentLatencyBenchmark {

    private static final int WARM_UP = 100;
    private static final int RUNS = 500;
    private static final FakeTerminalBackend BACKEND = FakeTerminalBackend.started();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final StringBuilder REPORT = new StringBuilder();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("passerelle.payments.backend.url", BACKEND::url);
        // the test users (bcrypt cost 4) plus one with the production cost 10, to show what HTTP Basic costs
        registry.add("passerelle.security.users[0].username", () -> "cashier");
        registry.add("passerelle.security.users[0].password", () -> "{bcrypt}" + new BCryptPasswordEncoder(4).encode("cashier"));
        registry.add("passerelle.security.users[0].roles", () -> "CASHIER");
        registry.add("passerelle.security.users[1].username", () -> "ops");
        registry.add("passerelle.security.users[1].password", () -> "{bcrypt}" + new BCryptPasswordEncoder(4).encode("ops"));
        registry.add("passerelle.security.users[1].roles", () -> "OPS");
        registry.add("passerelle.security.users[2].username", () -> "cashier10");
        registry.add("passerelle.security.users[2].password", () -> "{bcrypt}" + new BCryptPasswordEncoder(10).encode("cashier10"));
        registry.add("passerelle.security.users[2].roles", () -> "CASHIER");
        // application-test.yml lists four users: the fourth must be replaced whole too, or its roles stay unbound
        registry.add("passerelle.security.users[3].username", () -> "auditor");
        registry.add("passerelle.security.users[3].password", () -> "{bcrypt}" + new BCryptPasswordEncoder(4).encode("auditor"));
        registry.add("passerelle.security.users[3].roles", () -> "AUDITOR");
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
        line("Payments benchmark " + Instant.now() + ", " + Runtime.getRuntime().availableProcessors() + " CPUs, "
                + RUNS + " runs after " + WARM_UP + " warm-up, sequential; times in ms");

        for (int i = 0; i < WARM_UP; i++) {
            direct("BENCH-DIRECT");
            viaPasserelle("BENCH-GW", "cashier");
        }
        long[] direct = new long[RUNS];
        long[] accepted = new long[RUNS];
        long[] total = new long[RUNS];
        for (int i = 0; i < RUNS; i++) {
            direct[i] = direct("BENCH-DIRECT");
            long[] via = viaPasserelle("BENCH-GW", "cashier");
            accepted[i] = via[0];
            total[i] = via[1];
        }
        report("backend called directly (PaymentRequest → PaymentResponse)", direct);
        report("Passerelle: POST /api/payments → 202", accepted);
        report("Passerelle: POST → 202, then GET ?wait → APPROVED", total);
        line(String.format(Locale.ROOT, "added by Passerelle: median %+.2f ms, p99 %+.2f ms",
                (pct(total, 50) - pct(direct, 50)) / 1e3, (pct(total, 99) - pct(direct, 99)) / 1e3));

        send("ops", "POST", "/api/channels/payments/suspend", "{\"reason\":\"benchmark\"}", null);
        try {
            report("refused while suspended (503), cost-4 user", refusals("cashier"));
            report("refused while suspended (503), bcrypt cost-10 user", refusals("cashier10"));
        } finally {
            send("ops", "POST", "/api/channels/payments/resume", "{\"reason\":\"benchmark over\"}", null);
        }
        System.out.println(REPORT);
    }

    private long[] refusals(String user) throws Exception {
        for (int i = 0; i < WARM_UP; i++) {
            refuse(user);
        }
        long[] times = new long[RUNS];
        for (int i = 0; i < RUNS; i++) {
            times[i] = refuse(user);
        }
        return times;
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

    private static void report(String what, long[] micros) {
        long[] sorted = micros.clone();
        Arrays.sort(sorted);
        line(String.format(Locale.ROOT, "%-58s median %7.2f  p90 %7.2f  p99 %7.2f  max %7.2f", what,
                pct(sorted, 50) / 1e3, pct(sorted, 90) / 1e3, pct(sorted, 99) / 1e3, sorted[sorted.length - 1] / 1e3));
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

package org.passerelle.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.passerelle.testsupport.OpsClient;
import org.passerelle.testsupport.terminal.FakeTerminalBackend;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Payment tests share one application context and one real HTTP terminal backend; each test uses its own
 * terminal ids so they never see each other's payments.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
abstract class PaymentTestBase {

    static final FakeTerminalBackend BACKEND = FakeTerminalBackend.started();
    static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicInteger TERMINALS = new AtomicInteger();

    @DynamicPropertySource
    static void terminalBackend(DynamicPropertyRegistry registry) {
        registry.add("passerelle.payments.backend.url", BACKEND::url);
    }

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    OpsClient cashier;
    OpsClient ops;
    OpsClient auditor;

    @BeforeEach
    void clients() {
        cashier = new OpsClient(port, "cashier", "cashier");
        ops = new OpsClient(port, "ops", "ops");
        auditor = new OpsClient(port, "auditor", "auditor");
        BACKEND.reset();
        // tests provoke backend failures on purpose; one test's failures must not open the breaker for the next
        ops.post("/api/channels/payments/breaker", "{\"action\":\"RESET\",\"reason\":\"clean slate for the next test\"}");
    }

    static String newTerminal() {
        return "T" + TERMINALS.incrementAndGet() + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static String body(String terminal, long amountMinor) {
        return "{\"terminalId\":\"" + terminal + "\",\"amountMinor\":" + amountMinor
                + ",\"currency\":\"EUR\",\"reference\":\"FAC-2026-0042\",\"cashierLabel\":\"Caisse 2\"}";
    }

    HttpResponse<String> post(OpsClient as, String path, String idempotencyKey, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json")
                .POST(json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return as.send(request);
    }

    HttpResponse<String> pay(String terminal, long amountMinor) {
        return post(cashier, "/api/payments", UUID.randomUUID().toString(), body(terminal, amountMinor));
    }

    /** Starts a payment and returns its id, asserting the 202. */
    String start(String terminal, long amountMinor) {
        HttpResponse<String> r = pay(terminal, amountMinor);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        return json(r).path("id").asText();
    }

    JsonNode payment(String id) {
        HttpResponse<String> r = cashier.get("/api/payments/" + id);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return json(r);
    }

    JsonNode awaitState(String id, String state) {
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(50))
                .until(() -> payment(id).path("state").asText().equals(state));
        return payment(id);
    }

    static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + response.body(), e);
        }
    }

    long rows(String table) {
        return jdbc.sql("select count(*) from " + table).query(Long.class).single();
    }
}

package org.passerelle.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.passerelle.testsupport.Role.CASHIER;
import static org.passerelle.testsupport.Role.OPS;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.passerelle.testsupport.Api;
import org.passerelle.testsupport.ApiResponse;
import org.passerelle.testsupport.CardDataScan;
import org.passerelle.testsupport.Role;
import org.passerelle.testsupport.terminal.FakeTerminalBackend;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Payment tests share one application context and one real HTTP terminal backend; each test uses its own
 * terminal ids so they never see each other's payments. The fake backend sends full card data with every
 * approval; after each test, no log line written meanwhile may hold any of it ({@link CardDataScan}).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@ExtendWith(OutputCaptureExtension.class)
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

    Api api;

    @BeforeEach
    void clients() {
        api = Api.onPort(port);
        BACKEND.reset();
        // tests provoke backend failures on purpose; one test's failures must not open the breaker for the next
        api.as(OPS).post("/api/channels/payments/breaker", "{\"action\":\"RESET\",\"reason\":\"clean slate for the next test\"}");
    }

    @AfterEach
    void noCardDataInTheLog(CapturedOutput output) {
        assertThat(CardDataScan.inLog(output.getAll())).as("card data in the log of this test").isEmpty();
    }

    static String newTerminal() {
        return "T" + TERMINALS.incrementAndGet() + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static String body(String terminal, long amountMinor) {
        return "{\"terminalId\":\"" + terminal + "\",\"amountMinor\":" + amountMinor
                + ",\"currency\":\"EUR\",\"reference\":\"FAC-2026-0042\",\"cashierLabel\":\"Caisse 2\"}";
    }

    /** POST as {@code role} with an {@code Idempotency-Key} ({@code null}: none) and a JSON body ({@code null}: none). */
    ApiResponse post(Role role, String path, String idempotencyKey, String json) {
        return api.as(role).idempotencyKey(idempotencyKey).post(path, json);
    }

    ApiResponse pay(String terminal, long amountMinor) {
        return post(CASHIER, "/api/payments", UUID.randomUUID().toString(), body(terminal, amountMinor));
    }

    /** Starts a payment and returns its id, asserting the 202. */
    String start(String terminal, long amountMinor) {
        ApiResponse r = pay(terminal, amountMinor);
        assertThat(r.status()).as(r.body()).isEqualTo(202);
        return json(r).path("id").asText();
    }

    JsonNode payment(String id) {
        ApiResponse r = api.as(CASHIER).get("/api/payments/" + id);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return json(r);
    }

    JsonNode awaitState(String id, String state) {
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(50))
                .until(() -> payment(id).path("state").asText().equals(state));
        return payment(id);
    }

    static JsonNode json(ApiResponse response) {
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

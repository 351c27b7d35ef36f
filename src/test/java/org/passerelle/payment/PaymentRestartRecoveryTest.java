package org.passerelle.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.passerelle.testsupport.Role.CASHIER;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.passerelle.PasserelleApplication;
import org.passerelle.testsupport.Api;
import org.passerelle.testsupport.ApiResponse;
import org.passerelle.testsupport.terminal.Behaviour;
import org.passerelle.testsupport.terminal.FakeTerminalBackend;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Recovery is durable: Passerelle stops while one payment's outcome is unknown and another is still at
 * the terminal; the next start on the same database resolves both by TransactionStatus, sending neither again.
 */
class PaymentRestartRecoveryTest {

    private static final FakeTerminalBackend BACKEND = FakeTerminalBackend.started();
    private static final ObjectMapper JSON = new ObjectMapper();

    @AfterAll
    static void stopBackend() {
        BACKEND.close();
    }

    @Test
    void unknownAndInFlightPaymentsAreResolvedAfterARestart() throws Exception {
        String database = "jdbc:h2:mem:restart-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        String unknownTerminal = "T-restart-unknown";
        String inFlightTerminal = "T-restart-inflight";
        BACKEND.on(unknownTerminal, Behaviour.NEVER_ANSWER);
        BACKEND.on(inFlightTerminal, Behaviour.NEVER_ANSWER);

        String unknown;
        String inFlight;
        try (ConfigurableApplicationContext first = start(database)) {
            Api api = Api.onPort(port(first));
            unknown = pay(api, unknownTerminal);
            await().atMost(Duration.ofSeconds(15)).until(() -> state(api, unknown).equals("UNKNOWN"));
            await().atMost(Duration.ofSeconds(15)).until(() -> BACKEND.count("TransactionStatus", unknownTerminal) > 0);

            inFlight = pay(api, inFlightTerminal);
            await().atMost(Duration.ofSeconds(5)).until(() -> BACKEND.count("Payment", inFlightTerminal) == 1);
            assertThat(state(api, inFlight)).isEqualTo("IN_PROGRESS");
        } // stops while the second payment waits for its answer

        BACKEND.complete(unknownTerminal);
        BACKEND.complete(inFlightTerminal);
        BACKEND.releaseHeld();

        try (ConfigurableApplicationContext second = start(database)) {
            Api api = Api.onPort(port(second));
            await().atMost(Duration.ofSeconds(20)).until(() -> state(api, unknown).equals("APPROVED"));
            await().atMost(Duration.ofSeconds(20)).until(() -> state(api, inFlight).equals("APPROVED"));
            JsonNode recovered = payment(api, inFlight);
            assertThat(recovered.path("history").findValuesAsText("to")).containsSubsequence("IN_PROGRESS", "UNKNOWN", "APPROVED");
            assertThat(recovered.path("card").path("maskedPan").asText()).isEqualTo("411111******1111");
        }
        assertThat(BACKEND.count("Payment", unknownTerminal)).as("never sent again").isEqualTo(1);
        assertThat(BACKEND.count("Payment", inFlightTerminal)).as("never sent again").isEqualTo(1);
    }

    @Test
    void aPaymentAtTheTerminalWhenPasserelleStopsFinishesWithinTheShutdownGrace() throws Exception {
        String database = "jdbc:h2:mem:graceful-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        String terminal = "T-graceful";
        BACKEND.on(terminal, Behaviour.APPROVE_SLOWLY);
        BACKEND.slowMillis = 1_200; // under the test profile's 2 s read timeout
        String id;
        try (ConfigurableApplicationContext first = start(database, "--passerelle.payments.shutdown-grace=10s")) {
            Api api = Api.onPort(port(first));
            id = pay(api, terminal);
            await().atMost(Duration.ofSeconds(5)).until(() -> BACKEND.count("Payment", terminal) == 1);
        } // stops while the card prompt is open
        try (ConfigurableApplicationContext second = start(database)) {
            Api api = Api.onPort(port(second));
            JsonNode settled = payment(api, id);
            assertThat(settled.path("state").asText()).as("settled before the stop, not left UNKNOWN").isEqualTo("APPROVED");
            assertThat(settled.path("history").findValuesAsText("to")).doesNotContain("UNKNOWN");
        }
        assertThat(BACKEND.count("Payment", terminal)).isEqualTo(1);
    }

    private static ConfigurableApplicationContext start(String database, String... extra) {
        return new SpringApplicationBuilder(PasserelleApplication.class).profiles("test")
                .run(startArgs(database, java.util.List.of(extra)));
    }

    private static String[] startArgs(String database, java.util.List<String> extra) {
        java.util.List<String> args = new java.util.ArrayList<>(extra);
        args.addAll(java.util.List.of(
                "--spring.datasource.url=" + database,
                "--passerelle.payments.backend.url=" + BACKEND.url(),
                "--server.port=0"));
        return args.toArray(String[]::new);
    }

    private static int port(ConfigurableApplicationContext context) {
        return context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
    }

    private static String pay(Api api, String terminal) throws Exception {
        ApiResponse r = api.as(CASHIER).idempotencyKey(UUID.randomUUID().toString()).post("/api/payments",
                "{\"terminalId\":\"" + terminal + "\",\"amountMinor\":6400,\"reference\":\"FAC-RESTART\"}");
        assertThat(r.status()).as(r.body()).isEqualTo(202);
        return JSON.readTree(r.body()).path("id").asText();
    }

    private static JsonNode payment(Api api, String id) throws Exception {
        return JSON.readTree(api.as(CASHIER).get("/api/payments/" + id).body());
    }

    private static String state(Api api, String id) throws Exception {
        return payment(api, id).path("state").asText();
    }
}

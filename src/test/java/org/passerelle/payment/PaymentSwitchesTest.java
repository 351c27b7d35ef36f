package org.passerelle.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.passerelle.testsupport.Role.CASHIER;
import static org.passerelle.testsupport.Role.OPS;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Arrays;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.passerelle.testsupport.ApiResponse;
import org.passerelle.testsupport.terminal.Behaviour;
import org.passerelle.testsupport.terminal.FakeTerminalBackend;

/** The payments kill switch, the incident isolation and the breaker, as a cashier and the backend see them. */
class PaymentSwitchesTest extends PaymentTestBase {

    private static final String TAKE_CASH = "Paiement par carte indisponible : encaissez en espèces ou par chèque.";

    @AfterEach
    void reopen() {
        api.as(OPS).post("/api/incident/restore", "{\"channels\":[\"sms\",\"payments\",\"scheduling\"],\"reason\":\"test cleanup\"}");
        api.as(OPS).post("/api/channels/payments/resume", "{\"reason\":\"test cleanup\"}");
        api.as(OPS).post("/api/channels/payments/breaker", "{\"action\":\"RESET\",\"reason\":\"test cleanup\"}");
        BACKEND.reset();
    }

    @Test
    void suspendedPaymentsAreRefusedFastInFrenchWhileThePaymentInProgressFinishesAndRecoveryGoesOn() {
        String slowTerminal = newTerminal();
        BACKEND.slowMillis = 1_500;
        BACKEND.on(slowTerminal, Behaviour.APPROVE_SLOWLY);
        String inProgress = start(slowTerminal, 7_000);
        awaitState(inProgress, "IN_PROGRESS");

        String lostTerminal = newTerminal();
        BACKEND.on(lostTerminal, Behaviour.APPROVE_THEN_DROP);
        BACKEND.statusMode(FakeTerminalBackend.StatusMode.ALWAYS_IN_PROGRESS);
        String unknown = start(lostTerminal, 3_000);
        awaitState(unknown, "UNKNOWN");
        String replayKey = UUID.randomUUID().toString();
        String replayBody = body(newTerminal(), 100);
        String replayed = json(post(CASHIER, "/api/payments", replayKey, replayBody)).path("id").asText();

        assertThat(api.as(OPS).post("/api/channels/payments/suspend", "{\"reason\":\"backend under investigation\"}").status())
                .isEqualTo(200);

        long before = rows("payment");
        ApiResponse refused = pay(newTerminal(), 1_000);
        assertThat(refused.status()).isEqualTo(503);
        assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(c -> assertThat(c).contains("application/problem+json"));
        JsonNode problem = json(refused);
        assertThat(problem.path("type").asText()).isEqualTo("https://passerelle.example/problems/payments-suspended");
        assertThat(problem.path("detail").asText()).isEqualTo(TAKE_CASH);
        assertThat(problem.path("status").asInt()).isEqualTo(503);

        long[] micros = timeRefusals(20, 40);
        assertThat(median(micros)).as("median refusal time while suspended, µs: %s", Arrays.toString(micros)).isLessThan(50_000);
        assertThat(rows("payment")).as("nothing stored while suspended").isEqualTo(before);

        // a retry of a payment accepted before the suspension still finds it
        ApiResponse retry = post(CASHIER, "/api/payments", replayKey, replayBody);
        assertThat(retry.status()).isEqualTo(200);
        assertThat(json(retry).path("id").asText()).isEqualTo(replayed);

        // refunds are new work too
        ApiResponse refund = post(CASHIER, "/api/payments/" + replayed + "/refunds", UUID.randomUUID().toString(), "{}");
        assertThat(refund.status()).isEqualTo(503);
        assertThat(json(refund).path("type").asText()).endsWith("/payments-suspended");

        // the payment already at the terminal finishes
        awaitState(inProgress, "APPROVED");
        // recovery of unknown outcomes goes on while only suspended
        BACKEND.statusMode(FakeTerminalBackend.StatusMode.NORMAL);
        awaitState(unknown, "APPROVED");
        assertThat(BACKEND.count("Payment", lostTerminal)).isEqualTo(1);

        assertThat(api.as(OPS).post("/api/channels/payments/resume", "{\"reason\":\"all clear\"}").status()).isEqualTo(200);
        assertThat(pay(newTerminal(), 1_000).status()).isEqualTo(202);
    }

    @Test
    void isolationPausesRecoveryAndRestoreResumesIt() throws InterruptedException {
        String terminal = newTerminal();
        BACKEND.on(terminal, Behaviour.APPROVE_THEN_DROP);
        BACKEND.statusMode(FakeTerminalBackend.StatusMode.ALWAYS_IN_PROGRESS);
        String id = start(terminal, 4_200);
        awaitState(id, "UNKNOWN");
        long inquiries = BACKEND.count("TransactionStatus", terminal);
        await().until(() -> BACKEND.count("TransactionStatus", terminal) > inquiries);

        assertThat(api.as(OPS).post("/api/incident/isolate", "{\"reason\":\"ransomware alert\"}").status()).isEqualTo(200);
        // isolate returns once calls admitted before it have finished: from here nothing may leave
        int seen = BACKEND.received().size();
        BACKEND.statusMode(FakeTerminalBackend.StatusMode.NORMAL);
        Thread.sleep(1_500);
        assertThat(BACKEND.received().size() - seen).as("requests reaching the backend while isolated").isZero();
        assertThat(payment(id).path("state").asText()).isEqualTo("UNKNOWN");
        ApiResponse refused = pay(newTerminal(), 1_000);
        assertThat(refused.status()).isEqualTo(503);
        assertThat(json(refused).path("type").asText()).endsWith("/payments-suspended");
        assertThat(json(refused).path("detail").asText()).isEqualTo(TAKE_CASH);

        assertThat(api.as(OPS).post("/api/incident/restore", "{\"channels\":[\"payments\"],\"reason\":\"payments cleared\"}")
                .status()).isEqualTo(200);
        awaitState(id, "APPROVED");
        assertThat(BACKEND.count("Payment", terminal)).isEqualTo(1);
    }

    @Test
    void repeatedBackendFailuresOpenTheBreakerWhichThenRefusesFastButADeclinedCardDoesNot() {
        // declines are answers, not failures
        for (int i = 0; i < 6; i++) {
            String terminal = newTerminal();
            BACKEND.on(terminal, Behaviour.DECLINE);
            awaitState(start(terminal, 100), "DECLINED");
        }
        assertThat(json(api.as(OPS).get("/api/channels/payments")).path("breaker").path("state").asText()).isEqualTo("CLOSED");

        BACKEND.statusMode(FakeTerminalBackend.StatusMode.HTTP_500);
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            String terminal = newTerminal();
            BACKEND.on(terminal, Behaviour.HTTP_500);
            ApiResponse r = pay(terminal, 100);
            return r.status() == 503;
        });
        JsonNode channel = json(api.as(OPS).get("/api/channels/payments"));
        assertThat(channel.path("breaker").path("state").asText()).isEqualTo("OPEN");
        assertThat(channel.path("lastError").path("description").asText()).contains("HTTP ###");

        long before = rows("payment");
        int sentBefore = BACKEND.received().size();
        ApiResponse refused = pay(newTerminal(), 1_000);
        assertThat(refused.status()).isEqualTo(503);
        assertThat(json(refused).path("type").asText())
                .isEqualTo("https://passerelle.example/problems/payments-backend-unavailable");
        assertThat(json(refused).path("detail").asText()).isEqualTo(TAKE_CASH);
        long[] micros = timeRefusals(10, 30);
        assertThat(median(micros)).as("median refusal time while the breaker is open, µs: %s", Arrays.toString(micros))
                .isLessThan(50_000);
        assertThat(rows("payment")).isEqualTo(before);
        assertThat(BACKEND.received().stream().skip(sentBefore).filter(r -> r.category().equals("Payment")).count())
                .as("no payment reaches the backend while the breaker is open").isZero();
    }

    /** Warms up, then times {@code n} refused payments; microseconds, sorted. */
    private long[] timeRefusals(int warmUp, int n) {
        for (int i = 0; i < warmUp; i++) {
            ApiResponse r = pay(newTerminal(), 1_000);
            assertThat(r.status()).as(() -> "warm-up " + r.body() + " / " + api.as(OPS).get("/api/channels/payments").body()).isEqualTo(503);
        }
        long[] micros = new long[n];
        for (int i = 0; i < n; i++) {
            String terminal = newTerminal();
            long t0 = System.nanoTime();
            ApiResponse r = pay(terminal, 1_000);
            micros[i] = (System.nanoTime() - t0) / 1_000;
            assertThat(r.status()).isEqualTo(503);
        }
        Arrays.sort(micros);
        return micros;
    }

    private static long median(long[] sorted) {
        return sorted[sorted.length / 2];
    }
}

package org.passerelle.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.passerelle.testsupport.Role.CASHIER;
import static org.passerelle.testsupport.Role.OPS;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.passerelle.testsupport.Api;
import org.passerelle.testsupport.ApiResponse;
import org.passerelle.testsupport.terminal.Behaviour;
import org.passerelle.testsupport.terminal.FakeTerminalBackend;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The long poll ({@code GET /api/payments/{id}?wait=}) holds no servlet thread while it waits: 500 desks waiting at
 * once leave Tomcat's 200 threads free for everyone else, and each desk gets its payment's outcome when it settles.
 * One worker, kept busy by a terminal that never answers, holds the 500 payments in the queue (still RECEIVED).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "passerelle.payments.workers=1", "passerelle.payments.backend.read-timeout=60s",
        "passerelle.payments.recovery.not-found-after=90s", "passerelle.payments.recovery.received-grace=5m",
        "logging.level.org.passerelle.payment=WARN"})
@ActiveProfiles("test")
class PaymentLongPollTest {

    private static final int DESKS = 500;
    private static final FakeTerminalBackend BACKEND = FakeTerminalBackend.started();
    private static final ObjectMapper JSON = new ObjectMapper();

    @DynamicPropertySource
    static void terminalBackend(DynamicPropertyRegistry registry) {
        registry.add("passerelle.payments.backend.url", BACKEND::url);
    }

    @AfterAll
    static void stop() {
        BACKEND.close();
    }

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    PaymentLongPolls longPolls;

    @Test
    void fiveHundredDesksWaitingDoNotStopOtherRequestsAndEachGetsItsOutcome() throws Exception {
        Api api = Api.onPort(port);
        String blocker = "LP-BLOCK-" + UUID.randomUUID().toString().substring(0, 8);
        BACKEND.on(blocker, Behaviour.NEVER_ANSWER);
        pay(api, blocker); // the one worker is now at this terminal until released

        List<String> ids = new ArrayList<>();
        for (int i = 0; i < DESKS; i++) {
            ids.add(pay(api, "LP-" + i + "-" + UUID.randomUUID().toString().substring(0, 6)));
        }
        ExecutorService desks = Executors.newFixedThreadPool(DESKS);
        try {
            List<CompletableFuture<ApiResponse>> polls = new ArrayList<>();
            for (String id : ids) {
                polls.add(CompletableFuture.supplyAsync(
                        () -> api.as(CASHIER).get("/api/payments/" + id + "?wait=60s"), desks));
            }
            Awaitility.await().atMost(20, TimeUnit.SECONDS).until(() -> waitingPolls() >= DESKS);

            // with a servlet thread per waiting desk, these would queue behind the 500 polls until their wait ends
            for (int i = 0; i < 20; i++) {
                CompletableFuture<ApiResponse> other = CompletableFuture.supplyAsync(
                        () -> api.as(OPS).get("/api/channels"));
                assertThat(other.get(10, TimeUnit.SECONDS).status()).isEqualTo(200);
                ApiResponse payment = CompletableFuture.supplyAsync(() -> api.as(CASHIER).get("/api/payments/" + ids.get(0)))
                        .get(10, TimeUnit.SECONDS);
                assertThat(payment.status()).isEqualTo(200);
                assertThat(JSON.readTree(payment.body()).path("state").asText()).isEqualTo("RECEIVED");
            }
            assertThat(polls).noneMatch(CompletableFuture::isDone);

            // the worker moves on and approves the 500, one after the other (over 25 s on a loaded CI machine once:
            // the polls wait as long as the API allows)
            BACKEND.releaseHeld();
            for (int i = 0; i < DESKS; i++) {
                ApiResponse answer = polls.get(i).get(70, TimeUnit.SECONDS);
                assertThat(answer.status()).isEqualTo(200);
                JsonNode view = JSON.readTree(answer.body());
                assertThat(view.path("id").asText()).isEqualTo(ids.get(i));
                assertThat(view.path("state").asText()).isEqualTo("APPROVED");
            }
        } finally {
            desks.shutdownNow();
        }
    }

    /** Another replica's change is not signalled here: the waiting poll finds it by re-reading the database. */
    @Test
    void aPaymentSettledElsewhereAnswersTheWaitingPollBeforeItsWaitIsOver() throws Exception {
        Api api = Api.onPort(port);
        String terminal = "LP-ELSEWHERE-" + UUID.randomUUID().toString().substring(0, 8);
        BACKEND.on(terminal, Behaviour.NEVER_ANSWER);
        String id = pay(api, terminal);
        Awaitility.await().atMost(10, TimeUnit.SECONDS).until(() -> "IN_PROGRESS".equals(state(id)));

        CompletableFuture<ApiResponse> poll = CompletableFuture.supplyAsync(
                () -> api.as(CASHIER).get("/api/payments/" + id + "?wait=25s"));
        Awaitility.await().atMost(10, TimeUnit.SECONDS).until(() -> waitingPolls() >= 1);
        // what another replica's settlement leaves in the shared database, without this replica's signal
        jdbc.sql("update payment set state = 'DECLINED' where id = :id").param("id", id).update();

        ApiResponse answer = poll.get(10, TimeUnit.SECONDS);
        assertThat(answer.status()).isEqualTo(200);
        assertThat(JSON.readTree(answer.body()).path("state").asText()).isEqualTo("DECLINED");
        BACKEND.releaseHeld();
    }

    @Test
    void aWaitThatEndsAnswersThePaymentAsItStands() throws Exception {
        Api api = Api.onPort(port);
        String terminal = "LP-SLOW-" + UUID.randomUUID().toString().substring(0, 8);
        BACKEND.on(terminal, Behaviour.NEVER_ANSWER);
        String id = pay(api, terminal);

        ApiResponse answer = api.as(CASHIER).get("/api/payments/" + id + "?wait=1s");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(JSON.readTree(answer.body()).path("state").asText()).isIn("RECEIVED", "IN_PROGRESS");
        assertThat(answer.header("X-Content-Type-Options")).contains("nosniff");
        BACKEND.releaseHeld();
    }

    private long waitingPolls() {
        return longPolls.waiting();
    }

    private String state(String id) {
        return jdbc.sql("select state from payment where id = :id").param("id", id).query(String.class).single();
    }

    private static String pay(Api api, String terminal) throws Exception {
        ApiResponse r = api.as(CASHIER).idempotencyKey(UUID.randomUUID().toString()).post("/api/payments",
                "{\"terminalId\":\"" + terminal + "\",\"amountMinor\":1250,\"currency\":\"EUR\",\"reference\":\"LP-1\"}");
        assertThat(r.status()).as(r.body()).isEqualTo(202);
        return JSON.readTree(r.body()).path("id").asText();
    }
}

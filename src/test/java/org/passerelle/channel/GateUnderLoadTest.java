package org.passerelle.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;
import static org.passerelle.testsupport.Role.OPS;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.passerelle.testsupport.Api;
import org.passerelle.testsupport.ApiResponse;
import org.passerelle.testsupport.RecordingComponent;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.ActiveProfiles;

/**
 * The gate under load: eight threads keep sending through a YAML route (breaker by reference, then
 * {@code gate:sms:...}) to a recording endpoint while ops suspend the channel over the real API.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties =
        "camel.main.routes-include-pattern=classpath:routes/*.yaml,classpath:test-routes/*.yaml")
@ActiveProfiles("test")
class GateUnderLoadTest {

    @TestConfiguration
    static class OutsideService {
        @Bean("recording")
        RecordingComponent recording() {
            return new RecordingComponent();
        }
    }

    @LocalServerPort
    int port;
    @Autowired
    ProducerTemplate producer;
    @Autowired
    RecordingComponent outside;
    @Autowired
    ChannelBreakers breakers;
    @Autowired
    CircuitBreaker smsBreaker;

    private Api api;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong otherFailures = new AtomicLong();
    private final List<Thread> load = new ArrayList<>();

    @BeforeEach
    void setUp() {
        api = Api.onPort(port);
        outside.callStarts().clear();
        outside.failing(false);
        outside.callDurationMillis(1);
    }

    @AfterEach
    void stopLoad() throws InterruptedException {
        running.set(false);
        for (Thread t : load) {
            t.join(5_000);
        }
        load.clear();
        api.as(OPS).post("/api/channels/sms/breaker", "{\"action\":\"RESET\",\"reason\":\"test cleanup\"}");
        if (api.as(OPS).get("/api/channels/sms").body().contains("\"SUSPENDED\"")) {
            api.as(OPS).post("/api/channels/sms/resume", "{\"reason\":\"test cleanup\"}");
        }
    }

    @Test
    void noCallStartsAfterSuspendReturnsAndTrafficResumesAfterResume() {
        startLoad(8);
        await().atMost(Duration.ofSeconds(10)).until(() -> outside.callStarts().size() > 500);

        ApiResponse suspended = api.as(OPS).post("/api/channels/sms/suspend", "{\"reason\":\"load test\"}");
        long suspendReturned = System.nanoTime();
        assertThat(suspended.status()).isEqualTo(200);
        assertThat(suspended.body()).contains("\"callsStillInFlight\":0");

        long refusedAtSuspend = refused.get();
        await().pollDelay(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> true);
        assertThat(outside.callsStartedAfter(suspendReturned))
                .as("calls that started at the outside service after suspend returned")
                .isZero();
        assertThat(refused.get() - refusedAtSuspend).as("calls refused at the gate while suspended").isGreaterThan(100);
        assertThat(smsBreaker.getState())
                .as("a closed gate is not a failure of the outside service")
                .isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(smsBreaker.getMetrics().getNumberOfFailedCalls()).isZero();

        long resumeAt = System.nanoTime();
        assertThat(api.as(OPS).post("/api/channels/sms/resume", "{\"reason\":\"load test over\"}").status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(5)).until(() -> outside.callsStartedAfter(resumeAt) > 100);
        assertThat(otherFailures.get()).isZero();
    }

    @Test
    void isolateAlsoStopsEveryCallBeforeItReturns() {
        startLoad(4);
        await().atMost(Duration.ofSeconds(10)).until(() -> outside.callStarts().size() > 200);

        assertThat(api.as(OPS).post("/api/incident/isolate", "{\"reason\":\"cyberattack drill\"}").status()).isEqualTo(200);
        long isolateReturned = System.nanoTime();
        await().pollDelay(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(() -> true);
        assertThat(outside.callsStartedAfter(isolateReturned)).isZero();

        long restoreAt = System.nanoTime();
        assertThat(api.as(OPS).post("/api/incident/restore",
                "{\"channels\":[\"sms\",\"payments\",\"scheduling\"],\"reason\":\"drill over\"}").status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(5)).until(() -> outside.callsStartedAfter(restoreAt) > 50);
    }

    @Test
    void suspendWaitsForCallsAlreadyInFlightAndReportsTheOnesStillRunning() {
        outside.callDurationMillis(300);
        startLoad(4);
        await().atMost(Duration.ofSeconds(10)).until(() -> outside.callStarts().size() >= 4);

        ApiResponse suspended = api.as(OPS).post("/api/channels/sms/suspend", "{\"reason\":\"slow backend\"}");
        long suspendReturned = System.nanoTime();
        assertThat(suspended.status()).isEqualTo(200);
        assertThat(suspended.body()).contains("\"callsStillInFlight\":0");
        await().pollDelay(Duration.ofMillis(700)).atMost(Duration.ofSeconds(2)).until(() -> true);
        assertThat(outside.callsStartedAfter(suspendReturned)).isZero();
    }

    @Test
    void aFailedCallThroughTheRouteIsCountedByTheControlPlanesBreaker() {
        CircuitBreaker controlPlanes = breakers.breaker(ChannelId.SMS);
        long failedBefore = controlPlanes.getMetrics().getNumberOfFailedCalls();
        long succeededBefore = controlPlanes.getMetrics().getNumberOfSuccessfulCalls();

        outside.failing(true);
        assertThat(catchThrowable(() -> producer.sendBody("direct:gate-load", "reminder")))
                .as("the outside service failed the call").hasRootCauseInstanceOf(java.io.IOException.class);
        outside.failing(false);
        producer.sendBody("direct:gate-load", "reminder");

        assertThat(controlPlanes.getMetrics().getNumberOfFailedCalls())
                .as("a route with a breaker of its own would leave the control plane's breaker untouched")
                .isEqualTo(failedBefore + 1);
        assertThat(controlPlanes.getMetrics().getNumberOfSuccessfulCalls()).isEqualTo(succeededBefore + 1);
    }

    @Test
    void theRouteUsesTheControlPlanesBreakerSoFailuresOpenItForOpsToSee() {
        outside.failing(true);
        startLoad(2);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> breakers.breaker(ChannelId.SMS).getState() == CircuitBreaker.State.OPEN);
        assertThat(breakers.registry().circuitBreaker("sms")).isSameAs(smsBreaker);

        String status = api.as(OPS).get("/api/channels/sms").body();
        assertThat(status).contains("\"state\":\"OPEN\"").contains("IOException: outside service down (test)");

        // open breaker: calls are short-circuited before reaching the outside service
        long openedAt = System.nanoTime();
        await().pollDelay(Duration.ofMillis(300)).atMost(Duration.ofSeconds(1)).until(() -> true);
        assertThat(outside.callsStartedAfter(openedAt)).isZero();

        // ops force it closed: calls reach the outside service again although it still fails
        outside.failing(false);
        assertThat(api.as(OPS).post("/api/channels/sms/breaker", "{\"action\":\"FORCE_CLOSED\",\"reason\":\"SMSC says it is fixed\"}")
                .status()).isEqualTo(200);
        assertThat(smsBreaker.getState()).isEqualTo(CircuitBreaker.State.DISABLED);
        long forcedAt = System.nanoTime();
        await().atMost(Duration.ofSeconds(3)).until(() -> outside.callsStartedAfter(forcedAt) > 10);

        // force open: nothing leaves
        assertThat(api.as(OPS).post("/api/channels/sms/breaker", "{\"action\":\"FORCE_OPEN\",\"reason\":\"SMSC maintenance\"}")
                .status()).isEqualTo(200);
        long forcedOpenAt = System.nanoTime();
        assertThat(smsBreaker.getState()).isEqualTo(CircuitBreaker.State.FORCED_OPEN);
        await().pollDelay(Duration.ofMillis(300)).atMost(Duration.ofSeconds(1)).until(() -> true);
        assertThat(outside.callsStartedAfter(forcedOpenAt)).isLessThanOrEqualTo(2); // calls admitted before the flip
        assertThat(api.as(OPS).get("/api/channels/sms").body()).contains("\"mode\":\"FORCED_OPEN\"");

        // reset: back to automatic, clean slate
        assertThat(api.as(OPS).post("/api/channels/sms/breaker", "{\"action\":\"RESET\",\"reason\":\"maintenance over\"}")
                .status()).isEqualTo(200);
        assertThat(smsBreaker.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(api.as(OPS).get("/api/channels/sms").body()).contains("\"mode\":\"AUTO\"").doesNotContain("lastError");
    }

    private void startLoad(int threads) {
        running.set(true);
        for (int i = 0; i < threads; i++) {
            Thread t = new Thread(() -> {
                while (running.get()) {
                    try {
                        producer.sendBody("direct:gate-load", "reminder");
                    } catch (org.apache.camel.CamelExecutionException e) {
                        if (e.getCause() instanceof ChannelClosedException) {
                            refused.incrementAndGet();
                        } else if (e.getCause() instanceof io.github.resilience4j.circuitbreaker.CallNotPermittedException
                                || e.getCause() instanceof java.io.IOException) {
                            // breaker tests: failures and short-circuits are expected
                        } else {
                            otherFailures.incrementAndGet();
                        }
                    }
                }
            }, "load-" + i);
            t.start();
            load.add(t);
        }
    }
}

package org.passerelle.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.passerelle.testsupport.AppointmentBody.appointment;
import static org.passerelle.testsupport.Role.OPS;
import static org.passerelle.testsupport.Role.SCHEDULER;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.passerelle.testsupport.Api;
import org.passerelle.testsupport.smsc.TestSmsc;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * End-to-end rate, printed: appointments accepted per second over REST (8 client threads) and SMS submitted
 * per second to an independent SMSC on one bind. Not part of the test suite; run with
 * {@code mvn -B -Pbenchmark test -Dtest=SmsThroughputBenchmark}. See docs/benchmarks.md.
 */
@Tag("benchmark")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "passerelle.reminders.send-from=00:00", "passerelle.reminders.send-until=23:59:59",
        "passerelle.sms.poll-interval=20ms", "passerelle.sms.batch-size=200",
        "passerelle.sms.segments-per-second=10000", "logging.level.org.passerelle=WARN"})
@ActiveProfiles("test")
class SmsThroughputBenchmark {

    private static final int APPOINTMENTS = Integer.getInteger("bench.appointments", 3000);
    private static final int CLIENTS = 8;
    static final TestSmsc SMSC = TestSmsc.started().autoReceipts(false);

    @DynamicPropertySource
    static void smsc(DynamicPropertyRegistry registry) {
        SMSC.register(registry);
    }

    @AfterAll
    static void stop() {
        SMSC.close();
    }

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    @Test
    void appointmentsAcceptedAndSmsSubmittedPerSecond() throws Exception {
        Api api = Api.onPort(port);
        api.as(OPS).post("/api/channels/sms/suspend", "{\"reason\":\"benchmark: build the backlog\"}");
        Instant start = Instant.now().plus(4, ChronoUnit.HOURS);
        warmUp(api, start);

        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        List<Future<?>> done = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int c = 0; c < CLIENTS; c++) {
            int client = c;
            done.add(pool.submit(() -> {
                for (int i = client; i < APPOINTMENTS; i += CLIENTS) {
                    int status = api.as(SCHEDULER).put("/api/appointments/BENCH-" + i, appointment(String.format("06 40 %02d %02d %02d", i / 10000, i / 100 % 100, i % 100), start, "PONTCHAILLOU")).status();
                    if (status != 201) {
                        throw new IllegalStateException("PUT answered " + status);
                    }
                }
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        double acceptSeconds = (System.nanoTime() - t0) / 1e9;
        pool.shutdown();

        long t1 = System.nanoTime();
        api.as(OPS).post("/api/channels/sms/resume", "{\"reason\":\"benchmark: drain\"}");
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(20)).until(() ->
                SMSC.submits().size() >= APPOINTMENTS + 20);
        double sendSeconds = (System.nanoTime() - t1) / 1e9;
        assertThat(jdbc.sql("select count(*) from reminder where status = 'PENDING'").query(Long.class).single()).isZero();

        System.out.printf("%nBENCHMARK appointments accepted over REST: %d in %.2f s = %.0f/s (%d client threads)%n",
                APPOINTMENTS, acceptSeconds, APPOINTMENTS / acceptSeconds, CLIENTS);
        System.out.printf("BENCHMARK SMS submitted to the test SMSC on one bind: %d in %.2f s = %.0f/s%n%n",
                APPOINTMENTS, sendSeconds, APPOINTMENTS / sendSeconds);
    }

    private void warmUp(Api api, Instant start) {
        for (int i = 0; i < 20; i++) {
            api.as(SCHEDULER).put("/api/appointments/WARM-" + i, appointment(String.format("06 41 00 00 %02d", i), start, "PONTCHAILLOU"));
        }
    }
}

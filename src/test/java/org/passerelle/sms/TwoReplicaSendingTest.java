package org.passerelle.sms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.passerelle.testsupport.Api.reason;
import static org.passerelle.testsupport.Role.OPS;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.passerelle.scheduling.AppointmentCommand;
import org.passerelle.scheduling.AppointmentIntake;
import org.passerelle.testsupport.PasserelleInstance;
import org.passerelle.testsupport.Replicas;
import org.passerelle.testsupport.smsc.ReceivedSubmit;
import org.passerelle.testsupport.smsc.TestSmsc;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Two replicas on one PostgreSQL send 2,000 reminders between them: each reminder is submitted exactly once. */
class TwoReplicaSendingTest {

    private static final int REMINDERS = 2000;

    @RegisterExtension
    static final Replicas replicas = Replicas.onPostgres("two_replica_sms").withSmsc().args(
            "--passerelle.reminders.send-from=00:00", "--passerelle.reminders.send-until=23:59:59",
            "--passerelle.sms.poll-interval=50ms", "--passerelle.sms.batch-size=50",
            "--passerelle.sms.segments-per-second=2000").named("A", "B");

    private static TestSmsc smsc;
    private static PasserelleInstance a;
    private static PasserelleInstance b;

    @BeforeAll
    static void replicas() {
        smsc = replicas.smsc();
        a = replicas.get("A");
        b = replicas.get("B");
    }

    @Test
    void twoThousandRemindersAreEachSubmittedOnceAndBothReplicasShareTheWork() throws Exception {
        assertThat(a.as(OPS).post("/api/channels/sms/suspend", reason("build the backlog")).status()).isEqualTo(200);
        AppointmentIntake intake = a.bean(AppointmentIntake.class);
        java.time.ZonedDateTime start = Instant.now().plus(4, ChronoUnit.HOURS).atZone(ZoneId.of("Europe/Paris"));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int first = t * (REMINDERS / 4);
            done.add(pool.submit(() -> {
                for (int i = first; i < first + REMINDERS / 4; i++) {
                    intake.upsert(new AppointmentCommand("R2-" + i, AppointmentCommand.IntakeSource.REST,
                            String.format("06 30 %02d %02d %02d", i / 10000, i / 100 % 100, i % 100), start, "PONTCHAILLOU", true));
                }
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
        JdbcClient sql = a.bean(JdbcClient.class);
        assertThat(sql.sql("select count(*) from reminder where status = 'PENDING'").query(Long.class).single())
                .isEqualTo(REMINDERS);

        Instant resumed = Instant.now();
        assertThat(a.as(OPS).post("/api/channels/sms/resume", reason("send")).status()).isEqualTo(200);
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500)).until(() ->
                sql.sql("select count(*) from reminder where status in ('PENDING', 'SENDING')").query(Long.class).single() == 0);
        Duration took = Duration.between(resumed, Instant.now());

        Map<String, Long> perNumber = smsc.submits().stream()
                .collect(Collectors.groupingBy(ReceivedSubmit::destAddr, Collectors.counting()));
        assertThat(perNumber).hasSize(REMINDERS);
        assertThat(perNumber.values()).as("submits per reminder").containsOnly(1L);
        assertThat(sql.sql("select count(*) from sms_part").query(Long.class).single()).isEqualTo(REMINDERS);

        double byA = submitted(a);
        double byB = submitted(b);
        assertThat(byA + byB).isEqualTo(REMINDERS);
        assertThat(byA).as("replica A's share").isGreaterThan(0);
        assertThat(byB).as("replica B's share").isGreaterThan(0);
        System.out.printf("Two replicas: %d reminders in %d ms (%.0f/s), A sent %.0f, B sent %.0f%n",
                REMINDERS, took.toMillis(), REMINDERS * 1000.0 / took.toMillis(), byA, byB);
    }

    private static double submitted(PasserelleInstance instance) {
        return instance.bean(MeterRegistry.class).get("passerelle.sms.reminders.submitted").counter().count();
    }
}

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
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.passerelle.scheduling.AppointmentCommand;
import org.passerelle.scheduling.AppointmentIntake;
import org.passerelle.testsupport.PasserelleInstance;
import org.passerelle.testsupport.Replicas;
import org.passerelle.testsupport.smsc.ReceivedSubmit;
import org.passerelle.testsupport.smsc.TestSmsc;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Two replicas on one PostgreSQL, each sending with a window on its own bind to an SMSC that answers late: 2,000
 * reminders between them are each submitted exactly once; a replica shut down while sending finishes its submits
 * in flight and releases the claims it had not sent at once, and the other replica sends them long before the
 * lease would have let it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoReplicaSendingTest {

    private static final int REMINDERS = 2000;

    @RegisterExtension
    static final Replicas replicas = Replicas.onPostgres("two_replica_sms").withSmsc().args(
            "--passerelle.reminders.send-from=00:00", "--passerelle.reminders.send-until=23:59:59",
            "--passerelle.sms.poll-interval=50ms", "--passerelle.sms.batch-size=50",
            "--passerelle.sms.segments-per-second=2000", "--passerelle.sms.window=10",
            "--passerelle.sms.claim-lease=" + TwoReplicaSendingTest.LEASE_MINUTES + "m").named("A", "B");
    static final int LEASE_MINUTES = 5;

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
    @Order(1)
    void twoThousandRemindersAreEachSubmittedOnceAndBothReplicasShareTheWork() throws Exception {
        smsc.responseDelay(Duration.ofMillis(20));
        assertThat(a.as(OPS).post("/api/channels/sms/suspend", reason("build the backlog")).status()).isEqualTo(200);
        book("R2-", REMINDERS);
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
        assertThat(smsc.maxOutstandingSubmits()).as("submits outstanding at once, two binds of window 10")
                .isGreaterThan(1).isLessThanOrEqualTo(20);
        System.out.printf("Two replicas: %d reminders in %d ms (%.0f/s), A sent %.0f, B sent %.0f, at most %d outstanding%n",
                REMINDERS, took.toMillis(), REMINDERS * 1000.0 / took.toMillis(), byA, byB, smsc.maxOutstandingSubmits());
    }

    @Test
    @Order(2)
    void aReplicaShutDownWhileSendingReleasesItsUnsentClaimsAtOnceAndTheOtherSendsThemWithoutWaitingForTheLease()
            throws Exception {
        int count = 300;
        // 500 ms per response: each replica sends about 20 reminders a second, so a batch of 50 takes seconds
        smsc.responseDelay(Duration.ofMillis(500));
        assertThat(a.as(OPS).post("/api/channels/sms/suspend", reason("build the backlog")).status()).isEqualTo(200);
        book("SD-", count);
        JdbcClient sql = b.bean(JdbcClient.class);
        String nodeA = a.bean(SmsNode.class).id();
        assertThat(a.as(OPS).post("/api/channels/sms/resume", reason("send")).status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20)).until(() ->
                claimsOf(sql, nodeA) >= 20 && submitted(a) >= 5);

        Instant stopping = Instant.now();
        a.close();
        Duration shutdown = Duration.between(stopping, Instant.now());
        assertThat(claimsOf(sql, nodeA)).as("claims replica A still holds once it has stopped").isZero();

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() ->
                sql.sql("select count(*) from reminder where appointment_id like 'SD-%' and status in ('PENDING', 'SENDING')")
                        .query(Long.class).single() == 0);
        Duration drained = Duration.between(stopping, Instant.now());
        assertThat(drained).as("the rest sent by B, well before A's claims could have expired")
                .isLessThan(Duration.ofMinutes(LEASE_MINUTES).dividedBy(2));
        assertThat(sql.sql("select coalesce(sum(ambiguous_sends), 0) from reminder where appointment_id like 'SD-%'")
                .query(Long.class).single()).as("claims taken back after their lease (ambiguous sends)").isZero();

        Map<String, Long> perNumber = smsc.submits().stream().filter(s -> s.destAddr().startsWith("33631"))
                .collect(Collectors.groupingBy(ReceivedSubmit::destAddr, Collectors.counting()));
        assertThat(perNumber).hasSize(count);
        assertThat(perNumber.values()).as("submits per reminder").containsOnly(1L);
        assertThat(sql.sql("select count(*) from reminder where appointment_id like 'SD-%' and status in ('SUBMITTED', 'DELIVERED')")
                .query(Long.class).single()).isEqualTo(count);
        System.out.printf("Shutdown while sending: A stopped in %d ms, the rest sent %d ms after the stop began%n",
                shutdown.toMillis(), drained.toMillis());
    }

    private static long claimsOf(JdbcClient sql, String node) {
        return sql.sql("select count(*) from reminder where status = 'SENDING' and claimed_by = :n").param("n", node)
                .query(Long.class).single();
    }

    private static void book(String prefix, int count) throws Exception {
        AppointmentIntake intake = a.bean(AppointmentIntake.class);
        String block = prefix.equals("R2-") ? "30" : "31";
        java.time.ZonedDateTime start = Instant.now().plus(4, ChronoUnit.HOURS).atZone(ZoneId.of("Europe/Paris"));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int first = t * (count / 4);
            int last = t == 3 ? count : first + count / 4;
            done.add(pool.submit(() -> {
                for (int i = first; i < last; i++) {
                    intake.upsert(new AppointmentCommand(prefix + i, AppointmentCommand.IntakeSource.REST,
                            String.format("06 %s %02d %02d %02d", block, i / 10000, i / 100 % 100, i % 100), start, "PONTCHAILLOU", true));
                }
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
    }

    private static double submitted(PasserelleInstance instance) {
        return instance.bean(MeterRegistry.class).get("passerelle.sms.reminders.submitted").counter().count();
    }
}

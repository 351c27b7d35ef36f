package org.passerelle.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.passerelle.testsupport.AppointmentBody.appointment;
import static org.passerelle.testsupport.Role.SCHEDULER;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.passerelle.testsupport.ApiResponse;
import org.passerelle.testsupport.PasserelleProcess;
import org.passerelle.testsupport.PostgresTestDatabase;
import org.passerelle.testsupport.TcpForwarder;
import org.passerelle.testsupport.smsc.TestSmsc;

/**
 * Scenario 4: the database goes away for 15 s in the middle of intake and sending. Passerelle reaches PostgreSQL
 * through a {@link TcpForwarder} that the test cuts (every connection reset, new ones refused) and restores, so
 * the shared server and other builds see nothing. Readiness goes DOWN and comes back UP; the API answers 503
 * problem+json, never 500; every appointment answered 201 keeps its reminder, which is submitted.
 */
@Tag("faults")
class DatabaseOutageTest {

    @Test
    @Timeout(value = 12, unit = TimeUnit.MINUTES)
    void readinessGoesDownAndBackAndNothingAcceptedIsLost() throws Exception {
        Matcher server = Pattern.compile("jdbc:postgresql://([^:/]+):(\\d+)/").matcher(PostgresTestDatabase.serverUrl());
        assertThat(server.find()).as("server URL %s", PostgresTestDatabase.serverUrl()).isTrue();
        try (PostgresTestDatabase db = PostgresTestDatabase.create("faults_db_outage");
             TestSmsc smsc = TestSmsc.started().autoReceipts(false);
             TcpForwarder proxy = new TcpForwarder(server.group(1), Integer.parseInt(server.group(2)))) {
            List<String> args = new ArrayList<>();
            for (String arg : db.springArgs()) {
                args.add(arg.startsWith("--spring.datasource.url=")
                        ? arg.replace(server.group(1) + ":" + server.group(2), "127.0.0.1:" + proxy.port()) : arg);
            }
            args.addAll(List.of("--spring.datasource.hikari.connection-timeout=2000",
                    "--spring.datasource.hikari.validation-timeout=1000",
                    "--passerelle.sms.smsc.port=" + smsc.port(),
                    "--passerelle.sms.smsc.password=" + TestSmsc.DEFAULT_PASSWORD,
                    "--passerelle.reminders.send-from=00:00", "--passerelle.reminders.send-until=23:59:59",
                    "--passerelle.sms.poll-interval=100ms", "--passerelle.sms.batch-size=20", "--passerelle.sms.claim-lease=30s",
                    "--passerelle.sms.housekeeping-interval=1s",
                    "--passerelle.sms.retry-initial-delay=200ms", "--passerelle.sms.retry-max-delay=2s"));
            try (PasserelleProcess p = PasserelleProcess.start("db-outage", args)) {
                Instant start = Instant.now().plus(4, ChronoUnit.HOURS);
                Set<Integer> accepted = ConcurrentHashMap.newKeySet();
                Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
                AtomicInteger unanswered = new AtomicInteger();
                AtomicInteger notProblemJson = new AtomicInteger();
                AtomicBoolean stop = new AtomicBoolean();
                AtomicInteger next = new AtomicInteger();
                List<Thread> clients = new ArrayList<>();
                for (int c = 0; c < 2; c++) {
                    Thread t = new Thread(() -> {
                        while (!stop.get() && next.get() < 5_000) {
                            int i = next.getAndIncrement();
                            try {
                                ApiResponse r = p.api().as(SCHEDULER).put("/api/appointments/" + Reminders.id("DB", i),
                                        appointment(Reminders.phone(60, i), start, "PONTCHAILLOU"));
                                statuses.computeIfAbsent(r.status(), k -> new AtomicInteger()).incrementAndGet();
                                if (r.status() == 201) {
                                    accepted.add(i);
                                } else if (!r.contentType().startsWith("application/problem+json")) {
                                    notProblemJson.incrementAndGet();
                                }
                            } catch (RuntimeException e) {
                                unanswered.incrementAndGet();
                            }
                        }
                    });
                    t.start();
                    clients.add(t);
                }
                await().atMost(Duration.ofMinutes(3)).until(() -> accepted.size() >= 100);
                int acceptedAtCut = accepted.size();
                long cut = System.nanoTime();
                proxy.cut();
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> p.readiness() == 503);
                double downAfter = Figures.seconds(cut);
                while (Figures.seconds(cut) < 15) {
                    Thread.sleep(200);
                }
                ApiResponse during = p.api().as(SCHEDULER).get("/api/appointments/" + Reminders.id("DB", 0));
                proxy.restore();
                long restored = System.nanoTime();
                await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).until(() -> p.readiness() == 200);
                double upAfter = Figures.seconds(restored);
                int acceptedAtRestore = accepted.size();
                await().atMost(Duration.ofMinutes(3)).until(() -> accepted.size() >= acceptedAtRestore + 100);
                stop.set(true);
                for (Thread t : clients) {
                    t.join(60_000);
                }
                await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(500)).ignoreExceptions().until(() -> Reminders.live(db) == 0);
                double total = Figures.seconds(cut);
                p.stop();

                Map<String, Reminders.Row> rows = Reminders.rows(db);
                Map<Integer, Integer> perIndex = Reminders.acceptedPerIndex(smsc.submits(), 60);
                int duplicates = 0;
                int ambiguous = 0;
                for (int i : accepted) {
                    Reminders.Row row = rows.get(Reminders.id("DB", i));
                    assertThat(row).as("reminder of accepted DB-%d", i).isNotNull();
                    assertThat(row.status()).as("DB-%d", i).isIn("SUBMITTED", "DELIVERED");
                    int sent = perIndex.getOrDefault(i, 0);
                    assertThat(sent).as("submits of DB-%d", i).isPositive();
                    assertThat(sent - 1).isLessThanOrEqualTo(row.ambiguousSends());
                    duplicates += sent - 1;
                    ambiguous += row.ambiguousSends();
                }
                List<String> phoneLines = p.linesWithPhoneNumbers();
                Figures.record("4 database away for 15 s",
                        "PostgreSQL cut through a TCP forwarder after %d appointments accepted; readiness DOWN %.1f s after "
                                + "the cut, UP %.1f s after the restore; during the outage GET answered %d %s; PUT answers %s, "
                                + "%d without an answer, %d errors not problem+json; %d accepted in all, every reminder submitted "
                                + "(%.1f s after the cut); duplicates %d, ambiguous_sends %d; log lines with a phone number %d",
                        acceptedAtCut, downAfter, upAfter, during.status(), during.contentType(),
                        statuses, unanswered.get(), notProblemJson.get(), accepted.size(), total, duplicates, ambiguous,
                        phoneLines.size());
                assertThat(statuses).doesNotContainKey(500);
                assertThat(statuses).containsKey(503);
                assertThat(notProblemJson.get()).isZero();
                assertThat(during.status()).isEqualTo(503);
                assertThat(during.contentType()).startsWith("application/problem+json");
                assertThat(phoneLines).isEmpty();
            }
        }
    }
}

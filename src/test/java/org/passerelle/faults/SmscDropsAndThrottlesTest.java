package org.passerelle.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.passerelle.testsupport.Api.reason;
import static org.passerelle.testsupport.Role.OPS;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.passerelle.testsupport.Api;
import org.passerelle.testsupport.PasserelleProcess;
import org.passerelle.testsupport.PostgresTestDatabase;
import org.passerelle.testsupport.smsc.ReceivedSubmit;
import org.passerelle.testsupport.smsc.TestSmsc;

/**
 * Scenario 3: the SMSC answers ESME_RTHROTTLED (0x58) to everything for 5 s, then crashes twice (sockets reset,
 * no unbind, 5 s and 3 s down) while the backlog drains, then limits the rate to 20 submits/s. Every reminder
 * is eventually submitted, none lost; duplicates never exceed the ambiguous count.
 */
@Tag("faults")
class SmscDropsAndThrottlesTest {

    static final int N = Integer.getInteger("faults.smsc-reminders", 500);

    @Test
    @Timeout(value = 15, unit = TimeUnit.MINUTES)
    void everyReminderIsSubmittedDespiteThrottlingAndDroppedConnections() throws Exception {
        try (PostgresTestDatabase db = PostgresTestDatabase.create("faults_smsc");
             TestSmsc smsc = TestSmsc.started().autoReceipts(false)) {
            List<String> args = new ArrayList<>(db.springArgs());
            args.addAll(List.of("--passerelle.sms.smsc.port=" + smsc.port(),
                    "--passerelle.sms.smsc.password=" + TestSmsc.DEFAULT_PASSWORD,
                    "--passerelle.sms.smsc.reconnect-delay=500ms",
                    "--passerelle.reminders.send-from=00:00", "--passerelle.reminders.send-until=23:59:59",
                    "--passerelle.sms.poll-interval=50ms", "--passerelle.sms.segments-per-second=2000",
                    "--passerelle.sms.retry-initial-delay=200ms", "--passerelle.sms.retry-max-delay=2s",
                    "--passerelle.sms.claim-lease=30s", "--passerelle.sms.housekeeping-interval=1s",
                    "--passerelle.channels.breakers.sms.wait-in-open-state=2s"));
            try (PasserelleProcess p = PasserelleProcess.start("smsc-faults", args)) {
                Api.ok(p.api().as(OPS).post("/api/channels/sms/suspend", reason("fault run: build the backlog")));
                Reminders.book(p.api(), "SMSC", 50, 0, N, Instant.now().plus(4, ChronoUnit.HOURS));

                smsc.respondWith(TestSmsc.ESME_RTHROTTLED);
                long t0 = System.nanoTime();
                Api.ok(p.api().as(OPS).post("/api/channels/sms/resume", reason("fault run: drain")));
                Thread.sleep(5_000);
                int throttledPhase = smsc.submits().size();
                smsc.resetResponses();
                await().atMost(Duration.ofMinutes(3)).until(() -> accepted(smsc) >= N / 4);
                smsc.crash();
                Thread.sleep(5_000);
                smsc.restart();
                await().atMost(Duration.ofMinutes(3)).until(() -> accepted(smsc) >= N / 2);
                smsc.crash();
                Thread.sleep(3_000);
                smsc.restart();
                smsc.throttleAfter(20);
                await().atMost(Duration.ofMinutes(8)).pollInterval(Duration.ofMillis(500))
                        .ignoreExceptions().until(() -> Reminders.live(db) == 0);
                double drainSeconds = Figures.seconds(t0);
                p.stop();

                List<ReceivedSubmit> submits = smsc.submits();
                Map<String, Reminders.Row> rows = Reminders.rows(db);
                Map<Integer, Integer> perIndex = Reminders.acceptedPerIndex(submits, 50);
                int duplicates = 0;
                int ambiguous = 0;
                for (int i = 0; i < N; i++) {
                    Reminders.Row row = rows.get(Reminders.id("SMSC", i));
                    assertThat(row.status()).as("SMSC-%d", i).isIn("SUBMITTED", "DELIVERED");
                    int sent = perIndex.getOrDefault(i, 0);
                    assertThat(sent).as("accepted submits of SMSC-%d", i).isPositive();
                    assertThat(sent - 1).as("duplicates of SMSC-%d", i).isLessThanOrEqualTo(row.ambiguousSends());
                    duplicates += sent - 1;
                    ambiguous += row.ambiguousSends();
                }
                long throttled = submits.stream().filter(s -> s.commandStatus() == TestSmsc.ESME_RTHROTTLED).count();
                long unanswered = submits.stream().filter(s -> s.commandStatus() == ReceivedSubmit.NO_RESPONSE).count();
                List<String> phoneLines = p.linesWithPhoneNumbers();
                Figures.record("3 SMSC throttles and drops connections",
                        "%d reminders; 5 s of 0x58 to everything (%d submits refused), 2 SMSC crashes (5 s, 3 s), then 20/s; "
                                + "all submitted %.1f s after resume; submit_sm %d in all: %d throttled, %d unanswered, "
                                + "%d binds; duplicates %d, ambiguous_sends %d, lost 0; log lines with a phone number %d",
                        N, throttledPhase, drainSeconds, submits.size(), throttled, unanswered, smsc.bindCount(),
                        duplicates, ambiguous, phoneLines.size());
                assertThat(phoneLines).isEmpty();
            }
        }
    }

    private static long accepted(TestSmsc smsc) {
        return smsc.submits().stream().filter(ReceivedSubmit::accepted).count();
    }
}

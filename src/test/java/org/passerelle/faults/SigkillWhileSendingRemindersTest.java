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
 * Scenario 1: SIGKILL in the middle of sending a backlog of reminders, then a restart on the same schema.
 * Every accepted reminder ends submitted exactly once or is counted in {@code ambiguous_sends} (duplicates at
 * the SMSC never exceed the ambiguous count, reminder by reminder), none is lost, none leaves after its last
 * moment. {@code -Dfaults.reminders=10000} is the full run (the default); fewer for a quick one.
 */
@Tag("faults")
class SigkillWhileSendingRemindersTest {

    static final int N = Integer.getInteger("faults.reminders", 10_000);
    static final int TIGHT = 20;
    /** Mid-batch (batches of 100): killed at a batch boundary, the first runs had nothing in flight to lose. */
    static final int KILL_AT = N / 2 + 37;

    @Test
    @Timeout(value = 20, unit = TimeUnit.MINUTES)
    void everyAcceptedReminderIsSubmittedOnceOrCountedAmbiguousAfterASigkill() throws Exception {
        try (PostgresTestDatabase db = PostgresTestDatabase.create("faults_sigkill_sms");
             TestSmsc smsc = TestSmsc.started().autoReceipts(false)) {
            List<String> args = new ArrayList<>(db.springArgs());
            args.addAll(List.of("--passerelle.sms.smsc.port=" + smsc.port(),
                    "--passerelle.sms.smsc.password=" + TestSmsc.DEFAULT_PASSWORD,
                    "--passerelle.reminders.send-from=00:00", "--passerelle.reminders.send-until=23:59:59",
                    "--passerelle.sms.poll-interval=50ms", "--passerelle.sms.batch-size=100",
                    "--passerelle.sms.segments-per-second=2000", "--passerelle.sms.claim-lease=30s",
                    "--passerelle.sms.housekeeping-interval=1s"));
            long t0 = System.nanoTime();
            try (PasserelleProcess p = PasserelleProcess.start("sigkill-sms", args)) {
                double firstStart = Figures.seconds(t0);
                Api.ok(p.api().as(OPS).post("/api/channels/sms/suspend", reason("fault run: build the backlog")));

                Instant start = Instant.now().plus(4, ChronoUnit.HOURS);
                long tb = System.nanoTime();
                int booked = Reminders.book(p.api(), "BULK", 40, 0, N, start);
                double bookSeconds = Figures.seconds(tb);
                // a few whose last moment (start - 3 h) comes 20 s after booking: they must expire or leave in time
                Instant tightStart = Instant.now().plus(3, ChronoUnit.HOURS).plusSeconds(20);
                Reminders.book(p.api(), "TIGHT", 41, 0, TIGHT, tightStart);

                Api.ok(p.api().as(OPS).post("/api/channels/sms/resume", reason("fault run: drain")));
                long tr = System.nanoTime();
                await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(20))
                        .until(() -> smsc.submits().size() >= KILL_AT);
                p.kill();
                double sendSecondsBeforeKill = Figures.seconds(tr);
                int atKill = smsc.submits().size();
                Map<String, Integer> statusAtKill = Reminders.byStatus(db);

                Duration restart = p.restart();
                long td = System.nanoTime();
                await().atMost(Duration.ofMinutes(8)).pollInterval(Duration.ofMillis(500))
                        .ignoreExceptions().until(() -> Reminders.live(db) == 0);
                double drainSeconds = Figures.seconds(td);
                p.stop();

                List<ReceivedSubmit> submits = smsc.submits();
                Map<String, Reminders.Row> rows = Reminders.rows(db);
                Map<Integer, Integer> bulk = Reminders.acceptedPerIndex(submits, 40);
                int duplicates = 0;
                int ambiguous = 0;
                int lost = 0;
                for (int i = 0; i < N; i++) {
                    Reminders.Row row = rows.get(Reminders.id("BULK", i));
                    assertThat(row).as("reminder of BULK-%d", i).isNotNull();
                    int sent = bulk.getOrDefault(i, 0);
                    ambiguous += row.ambiguousSends();
                    if (sent == 0 || !List.of("SUBMITTED", "DELIVERED").contains(row.status())) {
                        lost++;
                    }
                    duplicates += Math.max(0, sent - 1);
                    assertThat(sent - 1).as("duplicates of BULK-%d vs its ambiguous sends", i)
                            .isLessThanOrEqualTo(row.ambiguousSends());
                }
                int late = 0;
                for (ReceivedSubmit s : submits) {
                    String prefix = Reminders.inBlock(s, 41) ? "TIGHT" : "BULK";
                    Reminders.Row row = rows.get(Reminders.id(prefix, Reminders.index(s)));
                    if (row != null && s.receivedAt().isAfter(row.expiresAt())) {
                        late++;
                    }
                }
                Map<Integer, Integer> tight = Reminders.acceptedPerIndex(submits, 41);
                int tightExpired = 0;
                for (int i = 0; i < TIGHT; i++) {
                    Reminders.Row row = rows.get(Reminders.id("TIGHT", i));
                    assertThat(row.status()).as("TIGHT-%d", i).isIn("EXPIRED", "SUBMITTED", "DELIVERED");
                    if (row.status().equals("EXPIRED")) {
                        tightExpired++;
                        assertThat(tight.getOrDefault(i, 0)).as("expired TIGHT-%d never sent", i).isZero();
                    }
                }
                List<String> phoneLines = p.linesWithPhoneNumbers();
                Figures.record("1 SIGKILL while sending reminders",
                        "%d reminders booked in %.1f s (%.0f/s, sms suspended); first start %.1f s; resumed, SIGKILL after "
                                + "%.1f s with %d submits at the SMSC (statuses at kill %s); restart to readiness %.1f s; "
                                + "backlog drained %.1f s later; submits %d in all, duplicates %d, ambiguous_sends %d, lost %d, "
                                + "sent after their last moment %d; %d/%d tight reminders expired unsent; log lines with a phone number %d",
                        booked, bookSeconds, booked / bookSeconds, firstStart, sendSecondsBeforeKill, atKill, statusAtKill,
                        restart.toMillis() / 1e3, drainSeconds, submits.size(), duplicates, ambiguous, lost, late,
                        tightExpired, TIGHT, phoneLines.size());
                assertThat(lost).isZero();
                assertThat(late).isZero();
                assertThat(duplicates).isLessThanOrEqualTo(ambiguous);
                assertThat(phoneLines).isEmpty();
            }
        }
    }
}

package org.passerelle.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.passerelle.testsupport.PasserelleProcess;
import org.passerelle.testsupport.PostgresTestDatabase;
import org.passerelle.testsupport.terminal.Behaviour;
import org.passerelle.testsupport.terminal.FakeTerminalBackend;

/**
 * Scenario 2: SIGKILL while 50 payments are at 50 terminals (the backend answering after 5 s), then a restart:
 * every payment ends final or flagged for a human, and the backend never received a second PaymentRequest for
 * one payment.
 */
@Tag("faults")
class SigkillWhilePayingTest {

    static final int TERMINALS = 50;

    @Test
    @Timeout(value = 12, unit = TimeUnit.MINUTES)
    void everyPaymentEndsFinalOrFlaggedAndNoneIsSentTwice() throws Exception {
        try (PostgresTestDatabase db = PostgresTestDatabase.create("faults_sigkill_pay");
             FakeTerminalBackend backend = FakeTerminalBackend.started()) {
            backend.slowMillis = 5_000;
            for (int t = 0; t < TERMINALS; t++) {
                backend.on(terminal(t), Behaviour.APPROVE_SLOWLY);
            }
            List<String> args = new ArrayList<>(db.springArgs());
            args.addAll(List.of("--passerelle.payments.backend.url=" + backend.url(),
                    "--passerelle.payments.backend.read-timeout=15s",
                    "--passerelle.payments.recovery.not-found-after=30s",
                    "--passerelle.payments.workers=64", "--passerelle.payments.backend.connections=128"));
            try (PasserelleProcess p = PasserelleProcess.start("sigkill-pay", args)) {
                List<String> ids = new ArrayList<>();
                long t0 = System.nanoTime();
                for (int t = 0; t < TERMINALS; t++) {
                    ids.add(Payments.take(p.api(), terminal(t), 1_000 + t, "sigkill-" + t));
                }
                double acceptSeconds = Figures.seconds(t0);
                await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(20))
                        .until(() -> Payments.count(backend, "Payment") >= TERMINALS / 2);
                p.kill();
                long sentAtKill = Payments.count(backend, "Payment");
                Map<String, Integer> atKill = Payments.byState(db);

                Duration restart = p.restart();
                long tr = System.nanoTime();
                await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofMillis(500))
                        .ignoreExceptions().until(() -> Payments.allSettled(db, TERMINALS));
                double settleSeconds = Figures.seconds(tr);
                p.stop();

                Map<String, Integer> perPayment = Payments.paymentRequestsPerPayment(backend);
                Map<String, Payments.Row> rows = Payments.rows(db);
                int maxRequests = perPayment.values().stream().max(Integer::compare).orElse(0);
                for (String id : ids) {
                    Payments.Row row = rows.get(id);
                    assertThat(row.settled()).as("payment %s: %s", id, row).isTrue();
                    assertThat(perPayment.getOrDefault(id, 0)).as("PaymentRequests for %s", id).isLessThanOrEqualTo(1);
                    if (row.state().equals("APPROVED")) {
                        assertThat(perPayment.get(id)).isEqualTo(1);
                    }
                }
                List<String> phoneLines = p.linesWithPhoneNumbers();
                Figures.record("2 SIGKILL while paying",
                        "%d payments accepted in %.1f s on %d terminals (backend answers after 5 s); SIGKILL with %d "
                                + "PaymentRequests at the backend (journal at kill %s); restart to readiness %.1f s; all settled "
                                + "%.1f s later: %s; PaymentRequests %d in all, at most %d per payment; TransactionStatus "
                                + "inquiries %d; log lines with a phone number %d",
                        TERMINALS, acceptSeconds, TERMINALS, sentAtKill, atKill, restart.toMillis() / 1e3, settleSeconds,
                        Payments.byState(db), Payments.count(backend, "Payment"), maxRequests,
                        Payments.count(backend, "TransactionStatus"), phoneLines.size());
                assertThat(maxRequests).isLessThanOrEqualTo(1);
                assertThat(phoneLines).isEmpty();
            }
        }
    }

    static String terminal(int t) {
        return String.format("FT-%02d", t);
    }
}

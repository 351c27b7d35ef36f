package org.passerelle.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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
 * Scenario 5: the terminal backend loses answers. 10 terminals approve then drop the connection, 10 never answer
 * (until the customer's payment completes 10 s later), 10 answer HTTP 500 without processing. Every payment ends
 * final through TransactionStatus (APPROVED, APPROVED, FAILED), each sent once.
 */
@Tag("faults")
class TerminalLosesResponsesTest {

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void everyPaymentEndsFinalThroughTransactionStatusAndNoneIsChargedTwice() throws Exception {
        try (PostgresTestDatabase db = PostgresTestDatabase.create("faults_lost_answers");
             FakeTerminalBackend backend = FakeTerminalBackend.started()) {
            Map<String, Behaviour> terminals = new LinkedHashMap<>();
            for (int t = 0; t < 10; t++) {
                terminals.put("DROP-" + t, Behaviour.APPROVE_THEN_DROP);
                terminals.put("SILENT-" + t, Behaviour.NEVER_ANSWER);
                terminals.put("E500-" + t, Behaviour.HTTP_500);
            }
            terminals.forEach(backend::on);
            List<String> args = new ArrayList<>(db.springArgs());
            args.add("--passerelle.payments.backend.url=" + backend.url());
            // two answers in three are lost on purpose: the payments breaker (tested elsewhere) would otherwise
            // open after five calls and refuse the rest with 503 payments-backend-unavailable
            args.add("--passerelle.channels.breakers.payments.sliding-window-size=100");
            args.add("--passerelle.channels.breakers.payments.minimum-number-of-calls=100");
            try (PasserelleProcess p = PasserelleProcess.start("lost-answers", args)) {
                Map<String, String> idByTerminal = new LinkedHashMap<>();
                long t0 = System.nanoTime();
                int n = 0;
                for (String terminal : terminals.keySet()) {
                    idByTerminal.put(terminal, Payments.take(p.api(), terminal, 2_000 + n, "lost-" + n++));
                }
                await().atMost(Duration.ofSeconds(60)).until(() -> Payments.count(backend, "Payment") == terminals.size());
                Thread.sleep(10_000);
                terminals.keySet().stream().filter(t -> t.startsWith("SILENT")).forEach(backend::complete);
                backend.releaseHeld();
                await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofMillis(500))
                        .ignoreExceptions().until(() -> Payments.allSettled(db, terminals.size()));
                double settleSeconds = Figures.seconds(t0);
                p.stop();

                Map<String, Payments.Row> rows = Payments.rows(db);
                Map<String, Integer> perPayment = Payments.paymentRequestsPerPayment(backend);
                idByTerminal.forEach((terminal, id) -> {
                    Payments.Row row = rows.get(id);
                    String expected = terminal.startsWith("E500") ? "FAILED" : "APPROVED";
                    assertThat(row.state()).as("%s on %s", id, terminal).isEqualTo(expected);
                    assertThat(perPayment.get(id)).as("PaymentRequests for %s", id).isEqualTo(1);
                });
                List<String> phoneLines = p.linesWithPhoneNumbers();
                Figures.record("5 terminal backend loses answers",
                        "30 payments (10 APPROVE_THEN_DROP, 10 NEVER_ANSWER completed after 10 s, 10 HTTP_500): all final "
                                + "%.1f s after the first POST: %s; PaymentRequests %d (max 1 per payment), TransactionStatus "
                                + "inquiries %d; log lines with a phone number %d",
                        settleSeconds, Payments.byState(db), Payments.count(backend, "Payment"),
                        Payments.count(backend, "TransactionStatus"), phoneLines.size());
                assertThat(phoneLines).isEmpty();
            }
        }
    }
}

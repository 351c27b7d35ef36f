package org.passerelle.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.passerelle.testsupport.Role.CASHIER;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.passerelle.testsupport.terminal.Behaviour;
import org.passerelle.testsupport.terminal.FakeTerminalBackend;
import org.passerelle.testsupport.terminal.Received;

/** Unknown outcomes are resolved by TransactionStatus, never by sending the payment again. */
class PaymentRecoveryTest extends PaymentTestBase {

    @Test
    void approvedThenResponseLostBecomesUnknownThenApprovedByStatusInquiryWithOneCharge() {
        String terminal = newTerminal();
        BACKEND.on(terminal, Behaviour.APPROVE_THEN_DROP);
        String id = start(terminal, 12_345);

        JsonNode approved = awaitState(id, "APPROVED");
        assertThat(approved.path("history").findValuesAsText("to"))
                .containsSubsequence("IN_PROGRESS", "UNKNOWN", "APPROVED");
        assertThat(approved.path("card").path("maskedPan").asText()).isEqualTo("411111******1111");
        assertThat(approved.path("terminalTransactionId").asText()).startsWith("POI-");
        assertThat(BACKEND.count("Payment", terminal)).as("the payment is never sent again").isEqualTo(1);
        assertThat(BACKEND.count("TransactionStatus", terminal)).isGreaterThanOrEqualTo(1);
        Received inquiry = BACKEND.received("TransactionStatus", terminal).get(0);
        JsonNode reference = inquiry.request().path("TransactionStatusRequest").path("MessageReference");
        Received original = BACKEND.received("Payment", terminal).get(0);
        assertThat(reference.path("MessageCategory").asText()).isEqualTo("Payment");
        assertThat(reference.path("SaleID").asText()).isEqualTo(original.saleId());
        assertThat(reference.path("ServiceID").asText()).isEqualTo(original.serviceId());
        assertThat(inquiry.serviceId()).isNotEqualTo(original.serviceId());
        assertThat(jdbc.sql("select count(*) from recovery_task where target_id = :id").param("id", id)
                .query(Long.class).single()).isZero();
    }

    @Test
    void http500IsUnknownAndBecomesFailedWhenTheBackendHasNoRecordAfterTheDeadline() {
        String terminal = newTerminal();
        BACKEND.on(terminal, Behaviour.HTTP_500);
        String id = start(terminal, 800);
        awaitState(id, "UNKNOWN");
        JsonNode failed = awaitState(id, "FAILED");
        assertThat(failed.path("history").findValuesAsText("detail"))
                .anySatisfy(d -> assertThat(d).contains("NotFound after the deadline"));
        assertThat(BACKEND.count("Payment", terminal)).isEqualTo(1);
        assertThat(BACKEND.count("TransactionStatus", terminal)).isGreaterThanOrEqualTo(2);
    }

    /**
     * Inquiries for an answer that stays InProgress back off: initial-backoff (200 ms in tests), doubling up to
     * max-backoff (1 s), each within ±20 % — measured where it matters, at the backend.
     */
    @Test
    void statusInquiriesBackOffExponentiallyWithJitterUpToTheCap() {
        String terminal = newTerminal();
        BACKEND.on(terminal, Behaviour.NEVER_ANSWER);
        String id = start(terminal, 3_100);
        awaitState(id, "UNKNOWN");
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(15))
                .until(() -> BACKEND.count("TransactionStatus", terminal) >= 6);
        java.util.List<java.time.Instant> at = BACKEND.received("TransactionStatus", terminal).stream()
                .map(Received::at).toList();
        long[] expected = {200, 400, 800, 1000, 1000};
        for (int k = 0; k < expected.length; k++) {
            long gap = java.time.Duration.between(at.get(k), at.get(k + 1)).toMillis();
            // below: the jitter's floor; above: its ceiling + one recovery poll (100 ms) + the inquiry's own time
            assertThat(gap).as("gap after inquiry %d", k + 1)
                    .isBetween((long) (expected[k] * 0.8) - 30, (long) (expected[k] * 1.2) + 100 + 250);
        }
        BACKEND.complete(terminal);
        awaitState(id, "APPROVED");
        BACKEND.releaseHeld();
    }

    @Test
    void noAnswerWithinTheDeadlineIsUnknownUntilTheTerminalFinishes() {
        String terminal = newTerminal();
        BACKEND.on(terminal, Behaviour.NEVER_ANSWER);
        String id = start(terminal, 3_000);
        awaitState(id, "UNKNOWN");
        // the terminal is still prompting: a second payment there must wait
        assertThat(pay(terminal, 100).status()).isEqualTo(409);
        long inquiries = BACKEND.count("TransactionStatus", terminal);
        org.awaitility.Awaitility.await().until(() -> BACKEND.count("TransactionStatus", terminal) > inquiries + 1);
        assertThat(payment(id).path("state").asText()).as("InProgress keeps it unknown").isEqualTo("UNKNOWN");

        BACKEND.complete(terminal);
        awaitState(id, "APPROVED");
        assertThat(BACKEND.count("Payment", terminal)).isEqualTo(1);
        BACKEND.releaseHeld();
        BACKEND.on(terminal, Behaviour.APPROVE);
        awaitState(start(terminal, 100), "APPROVED");
    }

    @Test
    void aPaymentWhoseAnswerNeverCameCanStillBeCancelledAtTheTerminal() {
        String terminal = newTerminal();
        BACKEND.on(terminal, Behaviour.WAIT_FOR_ABORT);
        String id = start(terminal, 2_100);
        awaitState(id, "UNKNOWN"); // the read timeout passed; the backend says InProgress
        assertThat(post(CASHIER, "/api/payments/" + id + "/cancel", null, null).status()).isEqualTo(202);
        JsonNode cancelled = awaitState(id, "CANCELLED");
        assertThat(cancelled.path("errorCondition").asText()).isEqualTo("Aborted");
        assertThat(cancelled.path("history").findValuesAsText("detail"))
                .anySatisfy(d -> assertThat(d).contains("AbortRequest sent"))
                .anySatisfy(d -> assertThat(d).contains("told by TransactionStatus"));
        assertThat(BACKEND.count("Payment", terminal)).isEqualTo(1);
    }

    @Test
    void aLateOrRepeatedAnswerNeverMovesAnApprovedPaymentBackwards() {
        String terminal = newTerminal();
        String id = start(terminal, 999);
        awaitState(id, "APPROVED");
        BACKEND.statusMode(FakeTerminalBackend.StatusMode.NORMAL);
        // replaying a decline through the settlement is refused by the conditional update
        Payment p = jdbc.sql("select * from payment where id = :id").param("id", id).query(PaymentJournal::map).single();
        PaymentJournal journal = new PaymentJournal(jdbc);
        assertThat(journal.record(id, PaymentState.UNKNOWN, PaymentState.DECLINED,
                new org.passerelle.payment.nexo.TerminalAnswer(org.passerelle.payment.nexo.Verdict.DECLINED, "Refusal",
                        null, null, null, null, null, "late decline"), p.updatedAt())).isFalse();
        assertThat(journal.record(id, PaymentState.IN_PROGRESS, PaymentState.DECLINED,
                new org.passerelle.payment.nexo.TerminalAnswer(org.passerelle.payment.nexo.Verdict.DECLINED, "Refusal",
                        null, null, null, null, null, "late decline"), p.updatedAt())).isFalse();
        assertThat(payment(id).path("state").asText()).isEqualTo("APPROVED");

        // and the history cannot be rewritten, not even with SQL
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> jdbc.sql(
                "update payment_event set detail = 'rewritten' where payment_id = :id").param("id", id).update())
                .isInstanceOf(org.springframework.dao.DataAccessException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> jdbc.sql(
                "delete from payment_event where payment_id = :id").param("id", id).update())
                .isInstanceOf(org.springframework.dao.DataAccessException.class);
    }
}

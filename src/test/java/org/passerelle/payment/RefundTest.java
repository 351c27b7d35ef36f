package org.passerelle.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.passerelle.testsupport.Role.AUDITOR;
import static org.passerelle.testsupport.Role.CASHIER;
import static org.passerelle.testsupport.Role.OPS;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.passerelle.testsupport.ApiResponse;
import org.passerelle.testsupport.terminal.Behaviour;
import org.passerelle.testsupport.terminal.FakeTerminalBackend;

/** Refunds: ReversalRequest naming the terminal's transaction, never above what is left, idempotent. */
class RefundTest extends PaymentTestBase {

    private ApiResponse refund(String paymentId, String key, Long amountMinor) {
        return post(CASHIER, "/api/payments/" + paymentId + "/refunds", key,
                amountMinor == null ? "{}" : "{\"amountMinor\":" + amountMinor + "}");
    }

    @Test
    void aFullRefundInOneGoReversesThePayment() {
        String terminal = newTerminal();
        String id = start(terminal, 5_000);
        JsonNode approved = awaitState(id, "APPROVED");

        ApiResponse r = refund(id, UUID.randomUUID().toString(), null);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertThat(json(r).path("state").asText()).isEqualTo("SUCCEEDED");
        assertThat(json(r).path("amountMinor").asLong()).isEqualTo(5_000);

        JsonNode reversed = payment(id);
        assertThat(reversed.path("state").asText()).isEqualTo("REVERSED");
        assertThat(reversed.path("refundedMinor").asLong()).isEqualTo(5_000);
        assertThat(reversed.path("refundableMinor").asLong()).isZero();

        JsonNode reversal = BACKEND.received("Reversal", terminal).get(0).request().path("ReversalRequest");
        assertThat(reversal.path("OriginalPOITransaction").path("POITransactionID").path("TransactionID").asText())
                .isEqualTo(approved.path("terminalTransactionId").asText());
        assertThat(reversal.path("ReversedAmount").decimalValue()).isEqualByComparingTo("50.00");
        assertThat(reversal.path("ReversalReason").asText()).isEqualTo("MerchantCancel");
    }

    @Test
    void partialRefundsNeverGoAboveWhatIsLeftAndAreIdempotent() {
        String terminal = newTerminal();
        String id = start(terminal, 10_000);
        awaitState(id, "APPROVED");

        String key1 = UUID.randomUUID().toString();
        ApiResponse first = refund(id, key1, 3_000L);
        assertThat(first.status()).isEqualTo(201);
        assertThat(payment(id).path("state").asText()).isEqualTo("PARTIALLY_REFUNDED");

        ApiResponse replay = refund(id, key1, 3_000L);
        assertThat(replay.status()).isEqualTo(200);
        assertThat(json(replay).path("id").asText()).isEqualTo(json(first).path("id").asText());
        assertThat(refund(id, key1, 2_000L).status()).as("same key, other amount").isEqualTo(422);

        long refundsBefore = rows("refund");
        ApiResponse tooMuch = refund(id, UUID.randomUUID().toString(), 7_001L);
        assertThat(tooMuch.status()).isEqualTo(422);
        assertThat(json(tooMuch).path("type").asText()).endsWith("/refund-exceeds-remaining");
        assertThat(json(tooMuch).path("refundableMinor").asLong()).isEqualTo(7_000);
        assertThat(rows("refund")).isEqualTo(refundsBefore);

        assertThat(refund(id, UUID.randomUUID().toString(), 4_000L).status()).isEqualTo(201);
        assertThat(payment(id).path("state").asText()).isEqualTo("PARTIALLY_REFUNDED");
        assertThat(refund(id, UUID.randomUUID().toString(), null).status()).as("the rest").isEqualTo(201);

        JsonNode refunded = payment(id);
        assertThat(refunded.path("state").asText()).isEqualTo("REFUNDED");
        assertThat(refunded.path("refundedMinor").asLong()).isEqualTo(10_000);
        assertThat(refunded.path("refunds")).hasSize(3);
        assertThat(BACKEND.count("Reversal", terminal)).isEqualTo(3);

        ApiResponse nothingLeft = refund(id, UUID.randomUUID().toString(), 1L);
        assertThat(nothingLeft.status()).isEqualTo(409);
        assertThat(json(nothingLeft).path("type").asText()).endsWith("/payment-not-refundable");
    }

    @Test
    void concurrentRefundsTogetherNeverExceedTheAmount() throws Exception {
        String id = start(newTerminal(), 1_000);
        awaitState(id, "APPROVED");
        java.util.List<java.util.concurrent.Future<ApiResponse>> all = new java.util.ArrayList<>();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(6);
        for (int i = 0; i < 6; i++) {
            all.add(pool.submit(() -> refund(id, UUID.randomUUID().toString(), 400L)));
        }
        int succeeded = 0;
        for (var f : all) {
            if (f.get().status() == 201) {
                succeeded++;
            }
        }
        pool.shutdown();
        assertThat(succeeded).isEqualTo(2);
        assertThat(payment(id).path("refundedMinor").asLong()).isEqualTo(800);
    }

    @Test
    void aDeclinedPaymentCannotBeRefundedAndARefusedReversalGivesNothingBack() {
        String terminal = newTerminal();
        BACKEND.on(terminal, Behaviour.DECLINE);
        String declined = start(terminal, 1_000);
        awaitState(declined, "DECLINED");
        ApiResponse r = refund(declined, UUID.randomUUID().toString(), null);
        assertThat(r.status()).isEqualTo(409);
        assertThat(json(r).path("state").asText()).isEqualTo("DECLINED");

        BACKEND.on(terminal, Behaviour.APPROVE);
        String approved = start(terminal, 1_000);
        awaitState(approved, "APPROVED");
        BACKEND.reversalMode(FakeTerminalBackend.ReversalMode.DECLINE);
        ApiResponse refused = refund(approved, UUID.randomUUID().toString(), 500L);
        assertThat(refused.status()).isEqualTo(201);
        assertThat(json(refused).path("state").asText()).isEqualTo("FAILED");
        assertThat(payment(approved).path("state").asText()).isEqualTo("APPROVED");
        assertThat(payment(approved).path("refundableMinor").asLong()).isEqualTo(1_000);
    }

    @Test
    void aReversalWhoseAnswerIsLostIsResolvedByTransactionStatus() {
        String terminal = newTerminal();
        String id = start(terminal, 2_000);
        awaitState(id, "APPROVED");
        BACKEND.reversalMode(FakeTerminalBackend.ReversalMode.HTTP_500);
        BACKEND.statusMode(FakeTerminalBackend.StatusMode.HTTP_500);
        ApiResponse r = refund(id, UUID.randomUUID().toString(), 2_000L);
        assertThat(r.status()).isEqualTo(202);
        assertThat(json(r).path("state").asText()).isEqualTo("UNKNOWN");
        assertThat(refund(id, UUID.randomUUID().toString(), 1L).status())
                .as("an unknown refund still holds its amount").isEqualTo(422);
        assertThat(payment(id).path("state").asText()).isEqualTo("APPROVED");

        BACKEND.statusMode(FakeTerminalBackend.StatusMode.NORMAL);
        awaitState(id, "REVERSED");
        assertThat(BACKEND.count("Reversal", terminal)).isEqualTo(1);
        assertThat(BACKEND.received("TransactionStatus", terminal).get(0).request()
                .path("TransactionStatusRequest").path("MessageReference").path("MessageCategory").asText()).isEqualTo("Reversal");
    }

    @Test
    void reconciliationTotalsPerTerminalAndStateWithRefundsForCashierAndAuditor() {
        String terminal = newTerminal();
        awaitState(start(terminal, 1_000), "APPROVED");
        String refunded = start(terminal, 2_000);
        awaitState(refunded, "APPROVED");
        assertThat(refund(refunded, UUID.randomUUID().toString(), 500L).status()).isEqualTo(201);
        BACKEND.on(terminal, Behaviour.DECLINE);
        awaitState(start(terminal, 4_000), "DECLINED");

        String today = LocalDate.now(ZoneId.of("Europe/Paris")).toString();
        ApiResponse report = api.as(AUDITOR).get("/api/payments/reconciliation?date=" + today);
        assertThat(report.status()).as(report.body()).isEqualTo(200);
        JsonNode mine = null;
        for (JsonNode t : json(report).path("terminals")) {
            if (t.path("terminalId").asText().equals(terminal)) {
                mine = t;
            }
        }
        assertThat(mine).isNotNull();
        assertThat(mine.path("byState").path("APPROVED").path("count").asLong()).isEqualTo(1);
        assertThat(mine.path("byState").path("PARTIALLY_REFUNDED").path("amountMinor").asLong()).isEqualTo(2_000);
        assertThat(mine.path("byState").path("DECLINED").path("amountMinor").asLong()).isEqualTo(4_000);
        assertThat(mine.path("chargedMinor").asLong()).isEqualTo(3_000);
        assertThat(mine.path("refundedMinor").asLong()).isEqualTo(500);
        assertThat(mine.path("netMinor").asLong()).isEqualTo(2_500);
        assertThat(json(report).path("refunds").findValuesAsText("paymentId")).contains(refunded);

        assertThat(api.as(CASHIER).get("/api/payments/reconciliation?date=" + today).status()).isEqualTo(200);
        assertThat(api.as(CASHIER).get("/api/payments/reconciliation?date=yesterday").status()).isEqualTo(400);
        assertThat(api.as(OPS).get("/api/payments/reconciliation?date=" + today).status()).isEqualTo(403);
    }
}

package org.passerelle.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.passerelle.testsupport.Role.CASHIER;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.passerelle.testsupport.ApiResponse;
import org.passerelle.testsupport.terminal.Behaviour;
import org.passerelle.testsupport.terminal.Received;

/** A cashier's payments against a real HTTP terminal backend: each answer the terminal can give. */
class PaymentFlowTest extends PaymentTestBase {

    @Test
    void approvedPaymentKeepsOnlySchemeMaskedPanAndAuthCodeAndSendsOneWellFormedPaymentRequest() {
        String terminal = newTerminal();
        ApiResponse accepted = pay(terminal, 4250);
        assertThat(accepted.status()).isEqualTo(202);
        assertThat(accepted.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).startsWith("/api/payments/"));
        JsonNode first = json(accepted);
        assertThat(first.path("state").asText()).isIn("RECEIVED", "IN_PROGRESS", "APPROVED");

        JsonNode done = awaitState(first.path("id").asText(), "APPROVED");
        assertThat(done.path("card").path("scheme").asText()).isEqualTo("visa");
        assertThat(done.path("card").path("maskedPan").asText()).isEqualTo("411111******1111");
        assertThat(done.path("card").path("authCode").asText()).isEqualTo("A1B2C3");
        assertThat(done.path("terminalTransactionId").asText()).startsWith("POI-");
        assertThat(done.path("message").asText()).isEqualTo("Paiement accepté.");
        assertThat(done.path("refundableMinor").asLong()).isEqualTo(4250);
        assertThat(done.path("history").findValuesAsText("to")).containsExactly("RECEIVED", "IN_PROGRESS", "APPROVED");

        assertThat(BACKEND.count("Payment", terminal)).isEqualTo(1);
        Received sent = BACKEND.received("Payment", terminal).get(0);
        JsonNode header = sent.request().path("MessageHeader");
        assertThat(header.path("ProtocolVersion").asText()).isEqualTo("3.0");
        assertThat(header.path("MessageClass").asText()).isEqualTo("Service");
        assertThat(header.path("MessageType").asText()).isEqualTo("Request");
        assertThat(header.path("SaleID").asText()).isEqualTo("PASSERELLE");
        assertThat(header.path("POIID").asText()).isEqualTo(terminal);
        assertThat(header.path("ServiceID").asText()).hasSizeBetween(1, 10);
        JsonNode amounts = sent.request().path("PaymentRequest").path("PaymentTransaction").path("AmountsReq");
        assertThat(amounts.path("Currency").asText()).isEqualTo("EUR");
        assertThat(amounts.path("RequestedAmount").decimalValue()).isEqualByComparingTo("42.50");
        assertThat(sent.request().path("PaymentRequest").path("SaleData").path("SaleTransactionID").path("TransactionID").asText())
                .isEqualTo(first.path("id").asText());
        assertThat(sent.body().toString()).as("the hospital reference stays in the hospital").doesNotContain("FAC-2026-0042");
    }

    @Test
    void declinedCardIsDeclinedAndFreesTheTerminal() {
        String terminal = newTerminal();
        BACKEND.on(terminal, Behaviour.DECLINE);
        JsonNode declined = awaitState(start(terminal, 1000), "DECLINED");
        assertThat(declined.path("errorCondition").asText()).isEqualTo("Refusal");
        assertThat(declined.path("message").asText()).contains("refusé");
        assertThat(declined.path("refundableMinor").asLong()).isZero();

        BACKEND.on(terminal, Behaviour.APPROVE);
        awaitState(start(terminal, 1000), "APPROVED");
    }

    @Test
    void eachTerminalAnswerMapsToItsState() {
        expect(Behaviour.WRONG_PIN, "DECLINED", "WrongPIN");
        expect(Behaviour.CUSTOMER_CANCEL, "CANCELLED", "Cancel");
        expect(Behaviour.BUSY, "FAILED", "Busy");
        JsonNode strange = expect(Behaviour.STRANGE_CONDITION, "UNKNOWN", "CosmicRay");
        assertThat(strange.path("needsHuman").asBoolean()).as("an unknown ErrorCondition is never a decline").isTrue();
        JsonNode partial = expect(Behaviour.PARTIAL, "UNKNOWN", null);
        assertThat(partial.path("needsHuman").asBoolean()).isTrue();
        assertThat(partial.path("message").asText()).contains("Vérification manuelle");
    }

    private JsonNode expect(Behaviour behaviour, String state, String condition) {
        String terminal = newTerminal();
        BACKEND.on(terminal, behaviour);
        String id = start(terminal, 700);
        JsonNode p = payment(id);
        await().atMost(Duration.ofSeconds(10)).until(() -> !payment(id).path("state").asText().matches("RECEIVED|IN_PROGRESS"));
        p = payment(id);
        assertThat(p.path("state").asText()).as(behaviour.name()).isEqualTo(state);
        if (condition != null) {
            assertThat(p.path("errorCondition").asText()).isEqualTo(condition);
        }
        // the terminal answered: it is free again
        BACKEND.on(terminal, Behaviour.APPROVE);
        assertThat(pay(terminal, 100).status()).as(behaviour + " frees the terminal").isEqualTo(202);
        return p;
    }

    @Test
    void theSameKeyAndBodyReturnTheSamePaymentAndChargeOnce() {
        String terminal = newTerminal();
        String key = UUID.randomUUID().toString();
        ApiResponse first = post(CASHIER, "/api/payments", key, body(terminal, 1999));
        ApiResponse second = post(CASHIER, "/api/payments", key, body(terminal, 1999));
        assertThat(first.status()).isEqualTo(202);
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        String id = json(first).path("id").asText();
        assertThat(json(second).path("id").asText()).isEqualTo(id);
        awaitState(id, "APPROVED");
        ApiResponse third = post(CASHIER, "/api/payments", key, body(terminal, 1999));
        assertThat(json(third).path("state").asText()).isEqualTo("APPROVED");
        assertThat(BACKEND.count("Payment", terminal)).isEqualTo(1);
    }

    @Test
    void theSameKeyWithAnotherBodyIs422AndStoresNothing() {
        String terminal = newTerminal();
        String key = UUID.randomUUID().toString();
        assertThat(post(CASHIER, "/api/payments", key, body(terminal, 1000)).status()).isEqualTo(202);
        long before = rows("payment");
        ApiResponse other = post(CASHIER, "/api/payments", key, body(terminal, 1001));
        assertThat(other.status()).isEqualTo(422);
        assertThat(other.headers().firstValue("Content-Type")).hasValueSatisfying(c -> assertThat(c).contains("application/problem+json"));
        assertThat(json(other).path("type").asText()).endsWith("/idempotency-key-reused");
        assertThat(rows("payment")).isEqualTo(before);
    }

    @Test
    void aMissingIdempotencyKeyIs400AndStoresNothing() {
        long before = rows("payment");
        ApiResponse r = post(CASHIER, "/api/payments", null, body(newTerminal(), 1000));
        assertThat(r.status()).isEqualTo(400);
        assertThat(json(r).path("type").asText()).endsWith("/idempotency-key-required");
        assertThat(rows("payment")).isEqualTo(before);
    }

    @Test
    void aSecondPaymentOnABusyTerminalIs409WithTheIdOfTheOneInProgress() {
        String terminal = newTerminal();
        BACKEND.on(terminal, Behaviour.WAIT_FOR_ABORT);
        String first = start(terminal, 5000);
        awaitState(first, "IN_PROGRESS");

        long before = rows("payment");
        ApiResponse second = pay(terminal, 300);
        assertThat(second.status()).isEqualTo(409);
        assertThat(json(second).path("type").asText()).endsWith("/terminal-busy");
        assertThat(json(second).path("paymentInProgress").asText()).isEqualTo(first);
        assertThat(rows("payment")).isEqualTo(before);

        // another terminal is not affected
        assertThat(pay(newTerminal(), 300).status()).isEqualTo(202);

        // the cashier cancels: AbortRequest, and the payment's own answer says Aborted
        ApiResponse cancel = post(CASHIER, "/api/payments/" + first + "/cancel", null, null);
        assertThat(cancel.status()).as(cancel.body()).isEqualTo(202);
        JsonNode cancelled = awaitState(first, "CANCELLED");
        assertThat(cancelled.path("errorCondition").asText()).isEqualTo("Aborted");
        assertThat(BACKEND.count("Abort", terminal)).isEqualTo(1);
        JsonNode abort = BACKEND.received("Abort", terminal).get(0).request().path("AbortRequest").path("MessageReference");
        assertThat(abort.path("ServiceID").asText())
                .isEqualTo(BACKEND.received("Payment", terminal).get(0).serviceId());

        // cancelling a finished payment is a conflict
        ApiResponse again = post(CASHIER, "/api/payments/" + first + "/cancel", null, null);
        assertThat(again.status()).isEqualTo(409);
        assertThat(json(again).path("type").asText()).endsWith("/payment-not-cancellable");
    }

    @Test
    void waitHoldsTheAnswerUntilTheOutcomeIsKnown() {
        String terminal = newTerminal();
        BACKEND.slowMillis = 800;
        BACKEND.on(terminal, Behaviour.APPROVE_SLOWLY);
        String id = start(terminal, 2500);
        long t0 = System.nanoTime();
        ApiResponse r = api.as(CASHIER).get("/api/payments/" + id + "?wait=10s");
        long tookMillis = (System.nanoTime() - t0) / 1_000_000;
        assertThat(json(r).path("state").asText()).isEqualTo("APPROVED");
        assertThat(tookMillis).isBetween(300L, 5_000L);

        assertThat(api.as(CASHIER).get("/api/payments/" + id + "?wait=soon").status()).isEqualTo(400);
        assertThat(api.as(CASHIER).get("/api/payments/not-a-uuid").status()).isEqualTo(400);
        assertThat(api.as(CASHIER).get("/api/payments/" + UUID.randomUUID()).status()).isEqualTo(404);
    }
}

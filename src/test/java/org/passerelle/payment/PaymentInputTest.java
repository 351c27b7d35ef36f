package org.passerelle.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.passerelle.testsupport.Role.AUDITOR;
import static org.passerelle.testsupport.Role.CASHIER;
import static org.passerelle.testsupport.Role.OPS;
import static org.passerelle.testsupport.Role.SCHEDULER;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.passerelle.testsupport.ApiResponse;

/** Malformed and hostile requests get a 4xx problem+json and leave no trace: nothing stored, nothing sent. */
class PaymentInputTest extends PaymentTestBase {

    static List<Map.Entry<String, String>> hostileBodies() {
        String t = "\"terminalId\":\"T-hostile\",";
        String rest = ",\"reference\":\"FAC-1\"}";
        return List.of(
                Map.entry("negative amount", "{" + t + "\"amountMinor\":-500,\"currency\":\"EUR\"" + rest),
                Map.entry("zero amount", "{" + t + "\"amountMinor\":0,\"currency\":\"EUR\"" + rest),
                Map.entry("amount above the maximum", "{" + t + "\"amountMinor\":5000001,\"currency\":\"EUR\"" + rest),
                Map.entry("amount beyond a long", "{" + t + "\"amountMinor\":99999999999999999999999,\"currency\":\"EUR\"" + rest),
                Map.entry("decimal amount", "{" + t + "\"amountMinor\":12.34,\"currency\":\"EUR\"" + rest),
                Map.entry("amount as a string", "{" + t + "\"amountMinor\":\"1234\",\"currency\":\"EUR\"" + rest),
                Map.entry("missing amount", "{" + t + "\"currency\":\"EUR\"" + rest),
                Map.entry("currency not accepted", "{" + t + "\"amountMinor\":100,\"currency\":\"USD\"" + rest),
                Map.entry("lowercase currency", "{" + t + "\"amountMinor\":100,\"currency\":\"eur\"" + rest),
                Map.entry("unknown currency", "{" + t + "\"amountMinor\":100,\"currency\":\"XYZ\"" + rest),
                Map.entry("currency too long", "{" + t + "\"amountMinor\":100,\"currency\":\"EURO\"" + rest),
                Map.entry("overlong reference", "{" + t + "\"amountMinor\":100,\"reference\":\"" + "R".repeat(65) + "\"}"),
                Map.entry("markup in the reference", "{" + t + "\"amountMinor\":100,\"reference\":\"<script>alert(1)</script>\"}"),
                Map.entry("control characters in the reference", "{" + t + "\"amountMinor\":100,\"reference\":\"FAC\\n1\"}"),
                Map.entry("card number as reference", "{" + t + "\"amountMinor\":100,\"reference\":\"4970 1012 3456 7893\"}"),
                Map.entry("missing reference", "{" + t + "\"amountMinor\":100}"),
                Map.entry("missing terminal", "{\"amountMinor\":100,\"reference\":\"FAC-1\"}"),
                Map.entry("terminal id with spaces", "{\"terminalId\":\"T 1\",\"amountMinor\":100,\"reference\":\"FAC-1\"}"),
                Map.entry("overlong cashier label", "{" + t + "\"amountMinor\":100,\"reference\":\"FAC-1\",\"cashierLabel\":\"" + "C".repeat(65) + "\"}"),
                Map.entry("bad JSON", "{" + t + "\"amountMinor\":100,"),
                Map.entry("JSON array", "[1,2,3]"),
                Map.entry("JSON string", "\"pay me\""),
                Map.entry("empty body", ""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileBodies")
    void hostileBodiesAre400ProblemsAndStoreNothing(Map.Entry<String, String> hostile) {
        Counts before = counts();
        ApiResponse r = post(CASHIER, "/api/payments", UUID.randomUUID().toString(), hostile.getValue());
        assertThat(r.status()).as(hostile.getKey() + ": " + r.body()).isEqualTo(400);
        assertProblem(r);
        assertThat(r.body()).doesNotContain("Exception").doesNotContain("at org.");
        assertThat(counts()).as(hostile.getKey()).isEqualTo(before);
    }

    @Test
    void badKeysAndWrongMediaTypeStoreNothing() {
        Counts before = counts();
        String ok = body(newTerminal(), 100);
        assertThat(post(CASHIER, "/api/payments", "", ok).status()).isEqualTo(400);
        assertThat(post(CASHIER, "/api/payments", "k".repeat(129), ok).status()).isEqualTo(400);
        assertThat(post(CASHIER, "/api/payments", "two words", ok).status()).isEqualTo(400);
        ApiResponse text = api.as(CASHIER).idempotencyKey(UUID.randomUUID().toString())
                .send("POST", "/api/payments", "text/plain", ok);
        assertThat(text.status()).isEqualTo(415);
        assertProblem(text);
        assertThat(counts()).isEqualTo(before);
    }

    @Test
    void onlyCashiersTakePaymentsAndAuditorsOnlyReadTheReconciliation() {
        Counts before = counts();
        String ok = body(newTerminal(), 100);
        assertThat(post(AUDITOR, "/api/payments", UUID.randomUUID().toString(), ok).status()).isEqualTo(403);
        assertThat(post(SCHEDULER, "/api/payments", UUID.randomUUID().toString(), ok).status()).isEqualTo(403);
        assertThat(post(OPS, "/api/payments", UUID.randomUUID().toString(), ok).status()).isEqualTo(403);
        assertThat(api.withCredentials("cashier", "wrong").idempotencyKey(UUID.randomUUID().toString())
                .post("/api/payments", ok).status()).isEqualTo(401);
        assertThat(counts()).isEqualTo(before);

        String id = start(newTerminal(), 100);
        assertThat(api.as(AUDITOR).get("/api/payments/" + id).status()).isEqualTo(403);
        assertThat(api.as(AUDITOR).get("/api/payments/reconciliation").status()).isEqualTo(200);
        assertThat(api.as(SCHEDULER).get("/api/payments/reconciliation").status()).isEqualTo(403);
    }

    private static void assertProblem(ApiResponse r) {
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(c -> assertThat(c).contains("application/problem+json"));
        assertThat(json(r).path("type").asText()).startsWith("https://passerelle.example/problems/");
        assertThat(json(r).path("status").asInt()).isEqualTo(r.status());
    }

    /** What a hostile request could leave behind; background work of other tests never touches these. */
    record Counts(long payments, long refunds, long hostileLocks, long paymentRequests) {
    }

    private Counts counts() {
        return new Counts(rows("payment"), rows("refund"),
                jdbc.sql("select count(*) from terminal_lock where terminal_id = 'T-hostile'").query(Long.class).single(),
                BACKEND.received().stream().filter(r -> r.category().equals("Payment")).count());
    }
}

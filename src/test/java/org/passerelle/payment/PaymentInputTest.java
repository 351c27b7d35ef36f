package org.passerelle.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.passerelle.testsupport.Role.AUDITOR;
import static org.passerelle.testsupport.Role.CASHIER;
import static org.passerelle.testsupport.Role.OPS;
import static org.passerelle.testsupport.Role.SCHEDULER;

import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
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

    /** Issue 8: card numbers written with any separators were accepted and stored in clear. */
    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', value = {
            "reference | 4970.1012.3456.7893", "reference | FAC 4970/1012/3456/7893 X", "reference | 4970_1012:3456#7893",
            "reference | 4970 .-1012__3456 # 7893", "reference | 4970101234567893", "reference | FAC-2026 4111-1111-1111-1111",
            "cashierLabel | Caisse 4970 1012 3456 7893", "cashierLabel | 4970.1012.3456.7893", "cashierLabel | 4970_1012-3456'7893"})
    void aCardNumberInAnyFreeTextFieldIsRefusedNamingTheFieldAndNothingIsStoredOrSent(String field, String value) {
        Counts before = counts();
        String reference = field.equals("reference") ? value : "FAC-2026-004211";
        String label = field.equals("cashierLabel") ? value : "Caisse 2";
        ApiResponse r = post(CASHIER, "/api/payments", UUID.randomUUID().toString(), "{\"terminalId\":\"T-hostile\","
                + "\"amountMinor\":100,\"reference\":\"" + reference + "\",\"cashierLabel\":\"" + label + "\"}");
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertProblem(r);
        assertThat(json(r).path("errors").findValuesAsText("field")).containsExactly(field);
        assertThat(json(r).path("errors").get(0).path("message").asText()).contains("card number");
        assertThat(r.body()).doesNotContain(value).doesNotContain("4970101234567893").doesNotContain("3456");
        assertThat(counts()).isEqualTo(before);
    }

    @Test
    void aReferenceThatOnlyLooksNumericIsAccepted() {
        String terminal = newTerminal();
        ApiResponse r = post(CASHIER, "/api/payments", UUID.randomUUID().toString(),
                body(terminal, 100).replace("FAC-2026-0042", "FAC-2026-004211"));
        assertThat(r.status()).as(r.body()).isEqualTo(202);
        awaitState(json(r).path("id").asText(), "APPROVED");
    }

    /** A card number typed into an ops reason would be kept forever in the append-only audit. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "/api/channels/payments/suspend | {\"reason\":\"patient card 4970.1012.3456.7893 stuck\"}",
            "/api/channels/payments/resume | {\"reason\":\"4970_1012:3456#7893\"}",
            "/api/channels/payments/breaker | {\"action\":\"FORCE_OPEN\",\"reason\":\"card 4970/1012/3456/7893\"}",
            "/api/incident/isolate | {\"reason\":\"4970 1012 3456 7893 seen in a log\"}",
            "/api/incident/restore | {\"channels\":[\"payments\"],\"reason\":\"FAC 4970-1012-3456-7893 X\"}"})
    void aCardNumberInAControlChangeReasonIsRefusedAndNeverAudited(String path, String body) {
        long audited = rows("channel_audit");
        long incidents = rows("incident");
        ApiResponse r = api.as(OPS).post(path, body);
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertProblem(r);
        assertThat(json(r).path("errors").findValuesAsText("field")).containsExactly("reason");
        assertThat(r.body()).doesNotContain("3456");
        assertThat(rows("channel_audit")).isEqualTo(audited);
        assertThat(rows("incident")).isEqualTo(incidents);
        assertThat(api.as(OPS).get("/api/channels/payments").body()).contains("\"ACTIVE\"");
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

    /** Issue 8: these gave 500s (the security firewall's rejection, unhandled) and were logged as unexpected. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"clé-1", "clé-€-1", "キー-1", "key with-nbsp"})
    void aNonAsciiIdempotencyKeyIsA400NamingTheProblemAndStoresNothing(String key) throws Exception {
        String id = start(newTerminal(), 100);
        awaitState(id, "APPROVED");
        Counts before = counts();
        for (String[] call : new String[][] {{"/api/payments", body(newTerminal(), 100)},
                {"/api/payments/" + id + "/refunds", "{\"amountMinor\":10}"}}) {
            RawResponse r = rawPost(call[0], key, call[1]);
            assertThat(r.status()).as(call[0] + ": " + r.body()).isEqualTo(400);
            assertThat(r.contentType()).contains("application/problem+json");
            assertThat(JSON.readTree(r.body()).path("type").asText()).endsWith("/idempotency-key-required");
            assertThat(JSON.readTree(r.body()).path("detail").asText()).contains("printable ASCII");
        }
        assertThat(counts()).isEqualTo(before);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"%2B999999999-12-31", "-999999999-01-01", "0001-01-01", "%2B10000-01-01"})
    void aReconciliationDateOutOfRangeIsA400NamingTheField(String date) {
        ApiResponse r = api.as(AUDITOR).get("/api/payments/reconciliation?date=" + date);
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertProblem(r);
        assertThat(json(r).path("errors").findValuesAsText("field")).containsExactly("date");
        assertThat(api.as(AUDITOR).get("/api/payments/reconciliation?date=9999-12-31").status()).isEqualTo(200);
        assertThat(api.as(AUDITOR).get("/api/payments/reconciliation?date=2000-01-01").status()).isEqualTo(200);
    }

    record RawResponse(int status, String contentType, String body) {
    }

    /** The JDK's HTTP client will not send a non-ASCII header: written on the socket, as a hostile client would. */
    private RawResponse rawPost(String path, String idempotencyKey, String json) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            byte[] body = json.getBytes(StandardCharsets.UTF_8);
            String credentials = Base64.getEncoder().encodeToString("cashier:cashier".getBytes(StandardCharsets.UTF_8));
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + path + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Basic " + credentials
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length
                    + "\r\nConnection: close\r\nIdempotency-Key: ").getBytes(StandardCharsets.US_ASCII));
            out.write(idempotencyKey.getBytes(StandardCharsets.UTF_8));
            out.write("\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int status = Integer.parseInt(response.substring(9, 12));
            String head = response.substring(0, response.indexOf("\r\n\r\n"));
            String contentType = head.lines().filter(l -> l.toLowerCase().startsWith("content-type:")).findFirst().orElse("");
            String rest = response.substring(head.length() + 4);
            String text = head.toLowerCase().contains("transfer-encoding: chunked") ? unchunk(rest) : rest;
            return new RawResponse(status, contentType, text);
        }
    }

    private static String unchunk(String chunked) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (true) {
            int eol = chunked.indexOf("\r\n", i);
            int size = Integer.parseInt(chunked.substring(i, eol).trim(), 16);
            if (size == 0) {
                return out.toString();
            }
            out.append(chunked, eol + 2, eol + 2 + size);
            i = eol + 2 + size + 2;
        }
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
        awaitState(id, "APPROVED"); // sent before the next test counts what was sent
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

package org.passerelle.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.passerelle.testsupport.Api.ok;
import static org.passerelle.testsupport.Problems.assertProblem;
import static org.passerelle.testsupport.Role.CASHIER;
import static org.passerelle.testsupport.Role.OPS;
import static org.passerelle.testsupport.Role.SCHEDULER;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.passerelle.testsupport.Api;
import org.passerelle.testsupport.ApiResponse;
import org.passerelle.testsupport.RawHttp;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * The HTTP listener's limits, tried as an attacker would, over plain sockets where java.net.http refuses to send the
 * request: oversize bodies are refused before they are read, and every error Tomcat answers itself (malformed request
 * line, oversize or illegal headers, an encoded '/') is problem+json with the security headers, never Tomcat's HTML.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class HttpLimitsTest {

    private static final String OPS_AUTH = "Authorization: Basic "
            + Base64.getEncoder().encodeToString("ops:ops".getBytes(StandardCharsets.UTF_8));
    private static final String CASHIER_AUTH = "Authorization: Basic "
            + Base64.getEncoder().encodeToString("cashier:cashier".getBytes(StandardCharsets.UTF_8));

    @LocalServerPort
    int port;

    Api api;
    RawHttp raw;

    @BeforeEach
    void clients() {
        api = Api.onPort(port);
        raw = RawHttp.onPort(port);
    }

    // --- bodies ------------------------------------------------------------------------------------

    @Test
    void sixteenBodiesOf20MegabytesAtOnceAreRefusedFastWithoutBeingReadAndTheAppStillAnswers() throws Exception {
        long twentyMegabytes = 20L * 1024 * 1024;
        ExecutorService clients = Executors.newFixedThreadPool(16);
        long started = System.nanoTime();
        try {
            List<Future<ApiResponse>> replies = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                String path = i % 2 == 0 ? "/api/channels/sms/suspend" : "/api/payments";
                byte[] head = ("POST " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
                        + (i % 2 == 0 ? OPS_AUTH : CASHIER_AUTH) + "\r\nIdempotency-Key: big-" + i
                        + "\r\nContent-Type: application/json\r\nContent-Length: " + twentyMegabytes)
                        .getBytes(StandardCharsets.ISO_8859_1);
                replies.add(clients.submit(() -> raw.send(head, twentyMegabytes)));
            }
            for (Future<ApiResponse> reply : replies) {
                ApiResponse r = reply.get();
                assertProblem(r, 413, "payload-too-large");
                assertSecurityHeaders(r);
            }
        } finally {
            clients.shutdownNow();
        }
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
        assertThat(ok(api.as(OPS).get("/api/channels")).json()).hasSize(3);
        assertThat(api.as(OPS).get("/api/channels/sms").json().path("state").asText()).isEqualTo("ACTIVE");
    }

    @Test
    void aChunkedBodyIsCutOffAtTheLimit() {
        StringBuilder head = new StringBuilder("POST /api/channels/sms/suspend HTTP/1.1\r\nHost: localhost\r\n"
                + "Connection: close\r\n" + OPS_AUTH + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n");
        String chunk = "x".repeat(8192);
        head.append("2\r\n{\"\r\n");
        for (int i = 0; i < 10; i++) { // 80 KiB of a string that never ends, past the 64 KiB limit
            head.append(Integer.toHexString(chunk.length())).append("\r\n").append(chunk).append("\r\n");
        }
        head.append("0");
        ApiResponse reply = raw.send(head.toString());
        assertProblem(reply, 413, "payload-too-large");
        assertThat(api.as(OPS).get("/api/channels/sms").json().path("state").asText()).isEqualTo("ACTIVE");
    }

    @Test
    void aBodyJustUnderTheLimitIsReadAsUsual() {
        String body = "{\"reason\":\"" + "r".repeat(60 * 1024) + "\"}";
        assertThat(assertProblem(api.as(OPS).post("/api/channels/sms/suspend", body), 400, "validation")
                .path("errors").path(0).path("field").asText()).isEqualTo("reason");
    }

    // --- what Tomcat answers itself --------------------------------------------------------------------

    @Test
    void aHeaderOverTheLimitIsAProblem() {
        ApiResponse reply = raw.send("GET /api/channels HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n" + OPS_AUTH
                + "\r\nX-Padding: " + "p".repeat(20_000));
        assertProblem(reply, 400, "malformed-request");
        assertSecurityHeaders(reply);
    }

    @Test
    void aTenThousandCharacterHeaderWithinTheLimitIsServed() {
        ok(api.as(OPS).header("X-Padding", "p".repeat(10_000)).get("/api/channels"));
    }

    @Test
    void aTenThousandCharacterIdIsRefusedByItsRule() {
        assertProblem(api.as(OPS).get("/api/channels/" + "x".repeat(10_000)), 404, "unknown-channel");
        assertProblem(api.as(SCHEDULER).get("/api/appointments/" + "x".repeat(10_000)), 400, "validation");
        assertProblem(api.as(CASHIER).get("/api/payments/" + "x".repeat(10_000)), 400, "validation");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/appointments/a%2Fb", "/api/appointments/a%5Cb", "/api/channels/sms%2F..%2Faudit",
            "/api/appointments/%00"})
    void encodedSeparatorsInAPathIdAreAProblem(String path) {
        ApiResponse reply = raw.send("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n" + OPS_AUTH);
        assertThat(reply.status()).as(reply.describe()).isBetween(400, 404);
        assertProblem(reply, reply.status(), reply.status() == 404 ? "not-found" : "malformed-request");
        assertSecurityHeaders(reply);
    }

    @ParameterizedTest
    @ValueSource(strings = {"X-Test: a\u0000b", "X-Test: a\u0001b", "X Test: spaces in a name", "X-Test: a\rb"})
    void aControlCharacterInAHeaderIsAProblem(String header) {
        ApiResponse reply = raw.send("GET /api/channels HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n" + OPS_AUTH
                + "\r\n" + header);
        assertProblem(reply, 400, "malformed-request");
        assertSecurityHeaders(reply);
    }

    @ParameterizedTest
    @ValueSource(strings = {"GET /api/channels HTTP/1.1 extra", "GET /api/chan nels HTTP/1.1", "GET api/channels HTTP/1.1",
            "GET /api/channels HTTP/9.9", "GET /api/<channels> HTTP/1.1", "GET /api/channels?x={} HTTP/1.1",
            "\u0001\u0002 / HTTP/1.1"})
    void aMalformedRequestLineIsAProblem(String requestLine) {
        ApiResponse reply = raw.send(requestLine + "\r\nHost: localhost\r\nConnection: close\r\n" + OPS_AUTH);
        assertProblem(reply, 400, "malformed-request");
        assertSecurityHeaders(reply);
    }

    @ParameterizedTest
    @ValueSource(strings = {"FOO", "PROPFIND", "TRACE", "CONNECT"})
    void anUnknownMethodIsAProblem(String method) {
        ApiResponse reply = raw.send(method + " /api/channels HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n" + OPS_AUTH);
        assertProblem(reply, 405, "method-not-allowed");
        assertThat(reply.header("Allow")).as(reply.describe()).hasValueSatisfying(a -> assertThat(a).contains("GET"));
        assertSecurityHeaders(reply);
    }

    @Test
    void aNonAsciiIdempotencyKeyIsRefusedAsAKeyProblemAndNotLoggedAsUnexpected() {
        assertProblem(payment("clé-été"), 400, "idempotency-key-required");
        assertThat(assertProblem(payment("clé-☃"), 400, "idempotency-key-required").path("detail").asText())
                .contains("Idempotency-Key").doesNotContain("☃");
    }

    private ApiResponse payment(String key) {
        byte[] body = "{\"terminalId\":\"RAW-1\",\"amountMinor\":1234,\"reference\":\"FAC-RAW-00001\"}"
                .getBytes(StandardCharsets.UTF_8);
        byte[] head = ("POST /api/payments HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n" + CASHIER_AUTH
                + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\nIdempotency-Key: " + key)
                .getBytes(StandardCharsets.UTF_8);
        return raw.sendWithBody(head, body);
    }

    static void assertSecurityHeaders(ApiResponse reply) {
        assertThat(reply.header("X-Content-Type-Options")).as(reply.describe()).hasValue("nosniff");
        assertThat(reply.header("X-Frame-Options")).as(reply.describe()).hasValue("DENY");
        assertThat(reply.header("Cache-Control")).as(reply.describe()).hasValueSatisfying(v -> assertThat(v).contains("no-store"));
    }
}

package org.passerelle.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.passerelle.testsupport.Role.CASHIER;
import static org.passerelle.testsupport.Role.OPS;
import static org.passerelle.testsupport.Role.SCHEDULER;

import java.util.List;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.passerelle.testsupport.ApiResponse;
import org.passerelle.testsupport.PasserelleInstance;

/**
 * Generated malformed and adversarial JSON for every endpoint that takes a body: wrong types, huge and fractional
 * numbers, far dates, control characters and other scripts, deep nesting, truncated documents. Whatever comes,
 * the answer is never a 5xx; a refusal is problem+json; and a refused appointment or payment is not stored.
 */
class HostileJsonProperties {

    private static final List<String> FIELDS = List.of("patientPhone", "start", "siteCode", "smsConsent", "terminalId",
            "amountMinor", "currency", "reference", "cashierLabel", "reason", "channels", "action", "id", "__proto__");
    private static PasserelleInstance app;

    @BeforeContainer
    static void start() {
        app = PasserelleInstance.start("hostile-json", List.of("--logging.level.root=WARN"));
    }

    @AfterContainer
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Property(tries = 150)
    void appointmentsNeverAnswer5xxAndStoreNothingTheyRefuse(@ForAll("bodies") String body, @ForAll("ids") String id) {
        ApiResponse put = app.as(SCHEDULER).send("PUT", "/api/appointments/" + id, "application/json", body);
        assertClientAnswer(put);
        if (put.status() >= 400 && put.status() != 404) {
            ApiResponse get = app.as(SCHEDULER).get("/api/appointments/" + id);
            assertThat(get.status()).as("refused appointment read back: " + put.describe()).isIn(400, 404);
        }
    }

    @Property(tries = 150)
    void paymentsNeverAnswer5xx(@ForAll("bodies") String body, @ForAll("keys") String key) {
        ApiResponse post = app.as(CASHIER).idempotencyKey(key).send("POST", "/api/payments", "application/json", body);
        assertClientAnswer(post);
        if (post.status() >= 400) {
            // the same key again finds nothing stored: a refusal is not a half-stored payment
            ApiResponse again = app.as(CASHIER).idempotencyKey(key).send("POST", "/api/payments", "application/json", body);
            assertThat(again.status()).as("replay of a refused payment: " + again.describe()).isGreaterThanOrEqualTo(400);
        }
    }

    @Property(tries = 100)
    void controlCallsNeverAnswer5xx(@ForAll("bodies") String body, @ForAll("controlPaths") String path) {
        assertClientAnswer(app.as(OPS).send("POST", path, "application/json", body));
    }

    @Property(tries = 60)
    void refundsNeverAnswer5xx(@ForAll("bodies") String body, @ForAll("keys") String key) {
        assertClientAnswer(app.as(CASHIER).idempotencyKey(key)
                .send("POST", "/api/payments/" + UUID.randomUUID() + "/refunds", "application/json", body));
    }

    private static void assertClientAnswer(ApiResponse r) {
        assertThat(r.status()).as(r.describe()).isLessThan(500);
        if (r.status() >= 400) {
            assertThat(r.contentType()).as(r.describe()).startsWith("application/problem+json");
        }
    }

    @Provide
    Arbitrary<String> bodies() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, objects(3)),
                net.jqwik.api.Tuple.of(1, values(2)),
                net.jqwik.api.Tuple.of(1, objects(2).map(json -> json.substring(0, json.length() / 2))),
                net.jqwik.api.Tuple.of(1, Arbitraries.strings().ofMaxLength(200)),
                net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(50, 400)
                        .map(depth -> "[".repeat(depth) + "]".repeat(depth))));
    }

    private Arbitrary<String> objects(int depth) {
        Arbitrary<String> member = Combinators.combine(Arbitraries.of(FIELDS), values(depth))
                .as((k, v) -> quote(k) + ":" + v);
        return member.list().ofMaxSize(8).map(members -> "{" + String.join(",", members) + "}");
    }

    private Arbitrary<String> values(int depth) {
        Arbitrary<String> scalars = Arbitraries.oneOf(
                Arbitraries.just("null"), Arbitraries.of("true", "false"),
                Arbitraries.longs().map(String::valueOf),
                Arbitraries.of("1e400", "-0", "12.34", "9223372036854775808", "-9223372036854775809", "1E-400", "0x10"),
                Arbitraries.of("+999999999-12-31T23:59:59Z", "-999999999-01-01T00:00:00Z", "2026-02-30T10:00:00+01:00",
                        "2026-12-10T14:30:00", "1700000000", "", " ", "EUR", "eur", "XXX", "sms", "payments", "FORCE_OPEN")
                        .map(HostileJsonProperties::quote),
                Arbitraries.strings().ofMaxLength(300).map(HostileJsonProperties::quote),
                Arbitraries.strings().withChars('\u0000', '\u001f', '\u202e', '\ud83d', '\ude00', '’', 'é')
                        .ofMaxLength(40).map(HostileJsonProperties::quote),
                Arbitraries.integers().between(1_000, 20_000).map(n -> quote("9".repeat(n))),
                Arbitraries.of("06 12 34 56 78", "+33612345678", "0692654321", "4111 1111 1111 1111", "../../etc/passwd")
                        .map(HostileJsonProperties::quote));
        if (depth <= 0) {
            return scalars;
        }
        Arbitrary<String> arrays = values(depth - 1).list().ofMaxSize(4).map(items -> "[" + String.join(",", items) + "]");
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(6, scalars), net.jqwik.api.Tuple.of(1, arrays),
                net.jqwik.api.Tuple.of(1, objects(depth - 1)));
    }

    @Provide
    Arbitrary<String> ids() {
        return Arbitraries.oneOf(Arbitraries.strings().alpha().numeric().withChars('-', '_', '.').ofMinLength(1).ofMaxLength(64),
                Arbitraries.of("RDV-" + UUID.randomUUID(), "%2E%2E%2Fetc", "%2F", "%C3%A9t%C3%A9", "a%20b", "x".repeat(300)));
    }

    @Provide
    Arbitrary<String> keys() {
        return Arbitraries.strings().ofMinLength(1).ofMaxLength(60).withCharRange('!', '~').map(k -> k + UUID.randomUUID());
    }

    @Provide
    Arbitrary<String> controlPaths() {
        return Arbitraries.of("/api/channels/sms/suspend", "/api/channels/payments/resume", "/api/channels/scheduling/suspend",
                "/api/channels/payments/breaker", "/api/incident/restore", "/api/channels/nope/suspend");
    }

    static String quote(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}

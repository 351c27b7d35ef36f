package org.passerelle.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.passerelle.testsupport.Problems.assertProblem;
import static org.passerelle.testsupport.Role.AUDITOR;
import static org.passerelle.testsupport.Role.CASHIER;
import static org.passerelle.testsupport.Role.OPS;
import static org.passerelle.testsupport.Role.SCHEDULER;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.passerelle.testsupport.Api;
import org.passerelle.testsupport.ControlPlaneViaApi;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * Values a client chooses, at their extremes or in the wrong JSON type: each is a 400 problem naming the field,
 * never a 500, never read leniently (a number as epoch seconds, a number as a text).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class ClientValuesTest {

    @LocalServerPort
    int port;

    Api api;

    @BeforeEach
    void baseline() {
        api = Api.onPort(port);
        new ControlPlaneViaApi(api).reset();
    }

    private static String appointment(String start, String phone) {
        return "{\"patientPhone\":" + phone + ",\"start\":" + start + ",\"siteCode\":\"PONTCHAILLOU\"}";
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"+999999999-12-31T23:59:59+01:00\"", "\"-999999999-01-01T00:00:00+01:00\"",
            "\"+10000-01-01T00:00:00Z\"", "\"0000-12-31T23:59:59Z\"", "\"+1000000000-01-01T00:00:00Z\""})
    void aStartAtAnExtremeYearIsAValidationProblemOnStart(String start) {
        JsonNode problem = assertProblem(api.as(SCHEDULER).put("/api/appointments/EXTREME-1", appointment(start, "\"06 12 34 56 78\"")),
                400, "malformed-request");
        assertField(problem, "start", "ISO-8601");
        assertProblem(api.as(SCHEDULER).get("/api/appointments/EXTREME-1"), 404, "not-found");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1765000000", "1765000000.5", "\"1765000000\"", "true", "[2026,12,10]"})
    void aStartThatIsNotAnIsoStringIsRefusedNotReadAsEpochSeconds(String start) {
        JsonNode problem = assertProblem(api.as(SCHEDULER).put("/api/appointments/EPOCH-1", appointment(start, "\"06 12 34 56 78\"")),
                400, "malformed-request");
        assertField(problem, "start", "ISO-8601");
    }

    @ParameterizedTest
    @ValueSource(strings = {"612345678", "612345678.0", "true"})
    void aPhoneAsAJsonNumberIsRefused(String phone) {
        JsonNode problem = assertProblem(api.as(SCHEDULER).put("/api/appointments/NUMBER-1",
                appointment("\"2099-01-05T10:00:00+01:00\"", phone)), 400, "malformed-request");
        assertField(problem, "patientPhone", "a JSON string");
    }

    @ParameterizedTest
    @ValueSource(strings = {"123", "12.5", "true"})
    void aReasonThatIsNotAStringIsRefused(String reason) {
        JsonNode problem = assertProblem(api.as(OPS).post("/api/channels/sms/suspend", "{\"reason\":" + reason + "}"),
                400, "malformed-request");
        assertField(problem, "reason", "a JSON string");
        assertThat(api.as(OPS).get("/api/channels/sms").json().path("state").asText()).isEqualTo("ACTIVE");
    }

    @Test
    void smsRemindersMustBeAJsonBoolean() {
        JsonNode problem = assertProblem(api.as(SCHEDULER).put("/api/appointments/BOOL-1",
                "{\"patientPhone\":\"06 12 34 56 78\",\"start\":\"2099-01-05T10:00:00+01:00\",\"siteCode\":\"PONTCHAILLOU\","
                        + "\"smsReminders\":\"false\"}"), 400, "malformed-request");
        assertField(problem, "smsReminders", "true or false");
    }

    @Test
    void amountsKeepTheirOwnStrictRules() {
        JsonNode problem = assertProblem(api.as(CASHIER).idempotencyKey(UUID.randomUUID().toString()).post("/api/payments",
                "{\"terminalId\":\"T-1\",\"amountMinor\":\"1234\",\"reference\":\"FAC-1\"}"), 400, "malformed-request");
        assertThat(problem.path("detail").asText()).contains("amountMinor");
    }

    @ParameterizedTest
    @ValueSource(strings = {"+999999999-12-31", "-999999999-01-01", "0000-01-01", "+10000-01-01"})
    void aReconciliationDayAtAnExtremeYearIsAValidationProblem(String date) {
        JsonNode problem = assertProblem(api.as(AUDITOR).get("/api/payments/reconciliation?date=" + date), 400, "validation");
        assertThat(problem.path("errors").path(0).path("field").asText()).isEqualTo("date");
    }

    @ParameterizedTest
    @ValueSource(strings = {"from=%2B999999999-12-31T23:59:59Z", "to=-999999999-01-01T00:00:00%2B01:00",
            "from=0000-01-01T00:00:00Z", "to=%2B10000-01-01T00:00:00Z"})
    void anAuditBoundAtAnExtremeYearIsServedAsAnEmptyRange(String query) {
        assertThat(api.as(AUDITOR).get("/api/audit?" + query).status()).isEqualTo(200);
    }

    @ParameterizedTest
    @ValueSource(strings = {"wait=999999", "wait=-1", "wait=1e9", "wait=99999999999999999999"})
    void anExtremeWaitIsCappedOrRefused(String query) {
        int status = api.as(CASHIER).get("/api/payments/" + UUID.randomUUID() + "?" + query).status();
        assertThat(status).isIn(400, 404);
    }

    private static void assertField(JsonNode problem, String field, String expected) {
        assertThat(problem.path("detail").asText()).contains("'" + field + "'").contains(expected);
        assertThat(problem.path("errors").path(0).path("field").asText()).isEqualTo(field);
        assertThat(problem.path("errors").path(0).path("message").asText()).contains(expected);
    }
}

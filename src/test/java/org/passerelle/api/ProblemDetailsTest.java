package org.passerelle.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.passerelle.testsupport.Api.ok;
import static org.passerelle.testsupport.Api.reason;
import static org.passerelle.testsupport.Problems.assertProblem;
import static org.passerelle.testsupport.Role.AUDITOR;
import static org.passerelle.testsupport.Role.OPS;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.passerelle.testsupport.Api;
import org.passerelle.testsupport.ApiResponse;
import org.passerelle.testsupport.ControlPlaneViaApi;
import org.passerelle.testsupport.ApiResponse;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * Every error a client can cause is an RFC 9457 problem (application/problem+json) with a stable type,
 * never a 500, never a stack trace or class name; a refused change leaves the state and the audit as
 * they were.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class ProblemDetailsTest {

    @LocalServerPort
    int port;

    Api api;
    ControlPlaneViaApi controlPlane;

    @BeforeEach
    void baseline() {
        api = Api.onPort(port);
        controlPlane = new ControlPlaneViaApi(api);
        controlPlane.reset();
    }

    // --- bodies ------------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"{\"reason\":", "{reason: 'x'}", "not json", "[\"reason\"]", "\"reason\""})
    void malformedJsonIsMalformedRequest(String body) {
        assertProblem(api.as(OPS).post("/api/channels/sms/suspend", body), 400, "malformed-request");
        assertThat(controlPlane.state("sms")).isEqualTo("ACTIVE");
    }

    @Test
    void emptyBodyIsMalformedRequest() {
        assertProblem(api.as(OPS).send("POST", "/api/channels/sms/suspend", "application/json", ""),
                400, "malformed-request");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "{\"reason\":null}", "{\"reason\":\"\"}", "{\"reason\":\"   \"}"})
    void missingOrBlankReasonIsValidationErrorOnReason(String body) {
        for (String path : List.of("/api/channels/sms/suspend", "/api/channels/sms/resume", "/api/incident/isolate")) {
            JsonNode problem = assertProblem(api.as(OPS).post(path, body), 400, "validation");
            assertThat(fields(problem)).as(path).containsExactly("reason");
        }
        JsonNode breaker = assertProblem(api.as(OPS).post("/api/channels/sms/breaker", body.replace("{", "{\"action\":\"RESET\"" + (body.equals("{}") ? "" : ","))), 400, "validation");
        assertThat(fields(breaker)).containsExactly("reason");
        JsonNode restore = assertProblem(api.as(OPS).post("/api/incident/restore", body.replace("{", "{\"channels\":[\"sms\"]" + (body.equals("{}") ? "" : ","))), 400, "validation");
        assertThat(fields(restore)).containsExactly("reason");
        assertThat(controlPlane.summary()).contains("sms=ACTIVE/AUTO").doesNotContain("ISOLATED");
    }

    @Test
    void reasonOfAtMost500CharactersIsAcceptedAndOneMoreIsRefused() {
        long auditBefore = controlPlane.auditCount();
        JsonNode problem = assertProblem(api.as(OPS).post("/api/channels/sms/suspend", reason("r".repeat(501))), 400, "validation");
        assertThat(fields(problem)).containsExactly("reason");
        assertThat(controlPlane.state("sms")).isEqualTo("ACTIVE");
        assertThat(controlPlane.auditCount()).isEqualTo(auditBefore);

        // the boundary itself is stored whole (the audit column holds 500 characters, accented ones too)
        String longest = "é".repeat(500);
        ok(api.as(OPS).post("/api/channels/sms/suspend", reason(longest)));
        assertThat(controlPlane.channel("sms").path("lastChange").path("reason").asText()).isEqualTo(longest);
        ok(api.as(OPS).post("/api/channels/sms/resume", reason("boundary test done")));
    }

    // --- unknown things ----------------------------------------------------------------------------

    @Test
    void unknownChannelIsNotFound() {
        assertProblem(api.as(OPS).get("/api/channels/fax"), 404, "unknown-channel");
        assertProblem(api.as(AUDITOR).get("/api/channels/fax"), 404, "unknown-channel");
        assertProblem(api.as(OPS).post("/api/channels/fax/suspend", reason("test")), 404, "unknown-channel");
        assertProblem(api.as(OPS).post("/api/channels/fax/resume", reason("test")), 404, "unknown-channel");
        assertProblem(api.as(OPS).post("/api/channels/fax/breaker", "{\"action\":\"RESET\",\"reason\":\"test\"}"), 404, "unknown-channel");
        assertProblem(api.as(OPS).get("/api/audit?channel=fax"), 404, "unknown-channel");
        // the client's value is not echoed back as markup
        JsonNode problem = assertProblem(api.as(OPS).get("/api/channels/%3Cscript%3E"), 404, "unknown-channel");
        assertThat(problem.path("detail").asText()).doesNotContain("<script>");
    }

    @Test
    void unknownPathIsNotFoundProblem() {
        assertProblem(api.as(OPS).get("/api/nothing-here"), 404, "not-found");
        assertProblem(api.as(OPS).get("/api/channels/sms/nothing"), 404, "not-found");
        assertProblem(api.as(AUDITOR).get("/nothing-here"), 404, "not-found");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/channels/sms;jsessionid=x", "/api//channels", "/api/channels/%2e%2e/audit", "/api/channels/%25"})
    void urlRefusedByTheFirewallIsMalformedRequestProblem(String path) {
        assertProblem(api.as(OPS).send("GET", path, null, null), 400, "malformed-request");
        assertProblem(api.anonymous().send("GET", path, null, null), 400, "malformed-request");
    }

    @Test
    void errorPageAskedForDirectlyIsNotFoundProblem() {
        assertProblem(api.anonymous().send("GET", "/error", null, null), 404, "not-found");
        assertProblem(api.as(OPS).send("POST", "/error", "application/json", "{}"), 404, "not-found");
    }

    @Test
    void unacceptableResponseTypeIsNotAcceptableProblem() {
        assertProblem(api.as(AUDITOR).header("Accept", "application/xml").get("/api/channels"),
                406, "not-acceptable");
    }

    @Test
    void wrongMethodIsMethodNotAllowedProblem() {
        ApiResponse delete = api.as(OPS).send("DELETE", "/api/channels/sms", null, null);
        assertProblem(delete, 405, "method-not-allowed");
        assertThat(delete.header("Allow")).hasValueSatisfying(allow -> assertThat(allow).contains("GET"));
        assertProblem(api.as(OPS).get("/api/incident/isolate"), 405, "method-not-allowed");
        assertProblem(api.as(OPS).send("PUT", "/api/channels/sms/suspend", "application/json", reason("x")),
                405, "method-not-allowed");
        assertThat(controlPlane.state("sms")).isEqualTo("ACTIVE");
    }

    @Test
    void nonJsonBodyIsUnsupportedMediaTypeProblem() {
        assertProblem(api.as(OPS).send("POST", "/api/channels/sms/suspend", "text/plain", "reason=maintenance"),
                415, "unsupported-media-type");
        assertProblem(api.as(OPS).send("POST", "/api/incident/isolate", "application/x-www-form-urlencoded",
                "reason=maintenance"), 415, "unsupported-media-type");
        assertProblem(api.as(OPS).send("POST", "/api/channels/sms/suspend", null, reason("no content type")),
                415, "unsupported-media-type");
        assertThat(controlPlane.summary()).doesNotContain("SUSPENDED").doesNotContain("ISOLATED");
    }

    // --- illegal transitions -----------------------------------------------------------------------

    @Test
    void resumingAnActiveChannelIsIllegalAndChangesNothing() {
        long auditBefore = controlPlane.auditCount();
        assertProblem(api.as(OPS).post("/api/channels/sms/resume", reason("not suspended")), 409, "illegal-transition");
        assertThat(controlPlane.state("sms")).isEqualTo("ACTIVE");
        assertThat(controlPlane.auditCount()).isEqualTo(auditBefore);
    }

    @Test
    void suspendingTwiceIsIllegalAndKeepsTheFirstSuspension() {
        ok(api.as(OPS).post("/api/channels/payments/suspend", reason("terminal backend maintenance")));
        long auditBefore = controlPlane.auditCount();
        JsonNode lastChange = controlPlane.channel("payments").path("lastChange");

        assertProblem(api.as(OPS).post("/api/channels/payments/suspend", reason("again")), 409, "illegal-transition");

        JsonNode after = controlPlane.channel("payments");
        assertThat(after.path("state").asText()).isEqualTo("SUSPENDED");
        assertThat(after.path("lastChange")).isEqualTo(lastChange);
        assertThat(controlPlane.auditCount()).isEqualTo(auditBefore);
    }

    @Test
    void breakerOnAChannelWithoutBreakerIsIllegal() {
        long auditBefore = controlPlane.auditCount();
        for (String action : List.of("FORCE_OPEN", "FORCE_CLOSED", "RESET")) {
            assertProblem(api.as(OPS).post("/api/channels/scheduling/breaker", "{\"action\":\"" + action + "\",\"reason\":\"no breaker here\"}"), 409, "illegal-transition");
        }
        assertThat(controlPlane.auditCount()).isEqualTo(auditBefore);
    }

    @Test
    void forcingTheBreakerIntoTheModeItIsInIsIllegal() {
        ok(api.as(OPS).post("/api/channels/sms/breaker", "{\"action\":\"FORCE_OPEN\",\"reason\":\"smsc down\"}"));
        assertProblem(api.as(OPS).post("/api/channels/sms/breaker", "{\"action\":\"FORCE_OPEN\",\"reason\":\"again\"}"),
                409, "illegal-transition");
        assertThat(controlPlane.channel("sms").path("breaker").path("mode").asText()).isEqualTo("FORCED_OPEN");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"EXPLODE\"", "\"reset\"", "42", "\"\"", "[\"RESET\"]"})
    void unknownBreakerActionIsBadRequest(String action) {
        JsonNode problem = assertProblem(api.as(OPS).post("/api/channels/sms/breaker", "{\"action\":" + action + ",\"reason\":\"test\"}"), 400, "malformed-request");
        assertThat(problem.path("detail").asText()).contains("action");
        assertThat(controlPlane.channel("sms").path("breaker").path("mode").asText()).isEqualTo("AUTO");
    }

    @Test
    void missingBreakerActionIsValidationError() {
        JsonNode problem = assertProblem(api.as(OPS).post("/api/channels/sms/breaker", reason("no action")), 400, "validation");
        assertThat(fields(problem)).containsExactly("action");
    }

    // --- incident ----------------------------------------------------------------------------------

    @Test
    void restoreWithoutChannelsIsValidationError() {
        ok(api.as(OPS).post("/api/incident/isolate", reason("ransomware suspected")));
        for (String channels : List.of("[]", "null")) {
            JsonNode problem = assertProblem(api.as(OPS).post("/api/incident/restore", "{\"channels\":" + channels + ",\"reason\":\"restore nothing\"}"), 400, "validation");
            assertThat(fields(problem)).containsExactly("channels");
        }
        JsonNode blank = assertProblem(api.as(OPS).post("/api/incident/restore", "{\"channels\":[\" \"],\"reason\":\"restore blank\"}"), 400, "validation");
        assertThat(fields(blank)).singleElement().asString().startsWith("channels");
        assertProblem(api.as(OPS).post("/api/incident/restore", "{\"channels\":[\"fax\"],\"reason\":\"restore fax\"}"),
                404, "unknown-channel");
        assertThat(controlPlane.summary()).isEqualTo(
                "sms=ISOLATED/AUTO incident=" + incident() + "; payments=ISOLATED/AUTO incident=" + incident()
                        + "; scheduling=ISOLATED/- incident=" + incident() + "; ");
    }

    @Test
    void restoreWithoutOpenIncidentIsIllegal() {
        long auditBefore = controlPlane.auditCount();
        assertProblem(api.as(OPS).post("/api/incident/restore", "{\"channels\":[\"sms\"],\"reason\":\"nothing open\"}"),
                409, "illegal-transition");
        assertThat(controlPlane.auditCount()).isEqualTo(auditBefore);
    }

    @Test
    void isolatingTwiceAndResumingAnIsolatedChannelAreIllegal() {
        ok(api.as(OPS).post("/api/incident/isolate", reason("ransomware suspected")));
        String isolated = controlPlane.summary();
        long auditBefore = controlPlane.auditCount();
        assertProblem(api.as(OPS).post("/api/incident/isolate", reason("again")), 409, "illegal-transition");
        assertProblem(api.as(OPS).post("/api/channels/sms/resume", reason("sneak back")), 409, "illegal-transition");
        assertThat(controlPlane.summary()).isEqualTo(isolated);
        assertThat(controlPlane.auditCount()).isEqualTo(auditBefore);
    }

    private String incident() {
        return controlPlane.channel("sms").path("incidentId").asText();
    }

    // --- audit query -------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"page=-1", "size=10000", "size=0", "from=notadate", "to=2024-13-45T00:00:00Z",
            "page=abc", "size=1e3", "page=99999999999"})
    void badAuditQueryIsBadRequest(String query) {
        JsonNode problem = assertProblem(api.as(AUDITOR).get("/api/audit?" + query), 400, "validation");
        String parameter = query.substring(0, query.indexOf('='));
        assertThat(fields(problem)).as(query).containsExactly(parameter);
    }

    @Test
    void goodAuditQueryAnswers() {
        JsonNode page = ok(api.as(AUDITOR).get("/api/audit?channel=sms&from=2020-01-01T00:00:00Z&to=2999-01-01T00:00:00Z&page=0&size=500")).json();
        assertThat(page.path("size").asInt()).isEqualTo(500);
    }

    // --- helpers -----------------------------------------------------------------------------------

    private static List<String> fields(JsonNode problem) {
        List<String> fields = new ArrayList<>();
        problem.path("errors").forEach(e -> fields.add(e.path("field").asText()));
        assertThat(fields).as("errors[].field of %s", problem).isNotEmpty();
        return fields;
    }
}

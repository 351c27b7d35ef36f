package org.passerelle.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.passerelle.testsupport.ApiClient.ok;
import static org.passerelle.testsupport.ApiClient.reason;
import static org.passerelle.testsupport.Problems.assertProblem;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.passerelle.testsupport.ApiClient;
import org.passerelle.testsupport.ApiClient.Credentials;
import org.passerelle.testsupport.ApiClient.Reply;
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

    private static final String OPS = "ops";

    @LocalServerPort
    int port;

    ApiClient api;

    @BeforeEach
    void baseline() {
        api = new ApiClient(port);
        api.resetControlPlane();
    }

    // --- bodies ------------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"{\"reason\":", "{reason: 'x'}", "not json", "[\"reason\"]", "\"reason\""})
    void malformedJsonIsMalformedRequest(String body) {
        assertProblem(api.post("/api/channels/sms/suspend", OPS, body), 400, "malformed-request");
        assertThat(api.state("sms")).isEqualTo("ACTIVE");
    }

    @Test
    void emptyBodyIsMalformedRequest() {
        assertProblem(api.send("POST", "/api/channels/sms/suspend", Credentials.of(OPS), "application/json", ""),
                400, "malformed-request");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "{\"reason\":null}", "{\"reason\":\"\"}", "{\"reason\":\"   \"}"})
    void missingOrBlankReasonIsValidationErrorOnReason(String body) {
        for (String path : List.of("/api/channels/sms/suspend", "/api/channels/sms/resume", "/api/incident/isolate")) {
            JsonNode problem = assertProblem(api.post(path, OPS, body), 400, "validation");
            assertThat(fields(problem)).as(path).containsExactly("reason");
        }
        JsonNode breaker = assertProblem(api.post("/api/channels/sms/breaker", OPS,
                body.replace("{", "{\"action\":\"RESET\"" + (body.equals("{}") ? "" : ","))), 400, "validation");
        assertThat(fields(breaker)).containsExactly("reason");
        JsonNode restore = assertProblem(api.post("/api/incident/restore", OPS,
                body.replace("{", "{\"channels\":[\"sms\"]" + (body.equals("{}") ? "" : ","))), 400, "validation");
        assertThat(fields(restore)).containsExactly("reason");
        assertThat(api.controlState()).contains("sms=ACTIVE/AUTO").doesNotContain("ISOLATED");
    }

    @Test
    void reasonOfAtMost500CharactersIsAcceptedAndOneMoreIsRefused() {
        long auditBefore = api.auditCount();
        JsonNode problem = assertProblem(api.post("/api/channels/sms/suspend", OPS, reason("r".repeat(501))), 400, "validation");
        assertThat(fields(problem)).containsExactly("reason");
        assertThat(api.state("sms")).isEqualTo("ACTIVE");
        assertThat(api.auditCount()).isEqualTo(auditBefore);

        // the boundary itself is stored whole (the audit column holds 500 characters, accented ones too)
        String longest = "é".repeat(500);
        ok(api.post("/api/channels/sms/suspend", OPS, reason(longest)));
        assertThat(api.channel("sms").path("lastChange").path("reason").asText()).isEqualTo(longest);
        ok(api.post("/api/channels/sms/resume", OPS, reason("boundary test done")));
    }

    // --- unknown things ----------------------------------------------------------------------------

    @Test
    void unknownChannelIsNotFound() {
        assertProblem(api.get("/api/channels/fax", OPS), 404, "unknown-channel");
        assertProblem(api.get("/api/channels/fax", "auditor"), 404, "unknown-channel");
        assertProblem(api.post("/api/channels/fax/suspend", OPS, reason("test")), 404, "unknown-channel");
        assertProblem(api.post("/api/channels/fax/resume", OPS, reason("test")), 404, "unknown-channel");
        assertProblem(api.post("/api/channels/fax/breaker", OPS, "{\"action\":\"RESET\",\"reason\":\"test\"}"), 404, "unknown-channel");
        assertProblem(api.get("/api/audit?channel=fax", OPS), 404, "unknown-channel");
        // the client's value is not echoed back as markup
        JsonNode problem = assertProblem(api.get("/api/channels/%3Cscript%3E", OPS), 404, "unknown-channel");
        assertThat(problem.path("detail").asText()).doesNotContain("<script>");
    }

    @Test
    void unknownPathIsNotFoundProblem() {
        assertProblem(api.get("/api/nothing-here", OPS), 404, "not-found");
        assertProblem(api.get("/api/channels/sms/nothing", OPS), 404, "not-found");
        assertProblem(api.get("/nothing-here", "auditor"), 404, "not-found");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/channels/sms;jsessionid=x", "/api//channels", "/api/channels/%2e%2e/audit", "/api/channels/%25"})
    void urlRefusedByTheFirewallIsMalformedRequestProblem(String path) {
        assertProblem(api.send("GET", path, Credentials.of(OPS), null, null), 400, "malformed-request");
        assertProblem(api.send("GET", path, ApiClient.ANONYMOUS, null, null), 400, "malformed-request");
    }

    @Test
    void errorPageAskedForDirectlyIsNotFoundProblem() {
        assertProblem(api.send("GET", "/error", ApiClient.ANONYMOUS, null, null), 404, "not-found");
        assertProblem(api.send("POST", "/error", Credentials.of(OPS), "application/json", "{}"), 404, "not-found");
    }

    @Test
    void unacceptableResponseTypeIsNotAcceptableProblem() {
        assertProblem(api.sendWithHeaders("GET", "/api/channels", Credentials.of("auditor"), Map.of("Accept", "application/xml"), null),
                406, "not-acceptable");
    }

    @Test
    void wrongMethodIsMethodNotAllowedProblem() {
        Reply delete = api.send("DELETE", "/api/channels/sms", Credentials.of(OPS), null, null);
        assertProblem(delete, 405, "method-not-allowed");
        assertThat(delete.header("Allow")).hasValueSatisfying(allow -> assertThat(allow).contains("GET"));
        assertProblem(api.get("/api/incident/isolate", OPS), 405, "method-not-allowed");
        assertProblem(api.send("PUT", "/api/channels/sms/suspend", Credentials.of(OPS), "application/json", reason("x")),
                405, "method-not-allowed");
        assertThat(api.state("sms")).isEqualTo("ACTIVE");
    }

    @Test
    void nonJsonBodyIsUnsupportedMediaTypeProblem() {
        assertProblem(api.send("POST", "/api/channels/sms/suspend", Credentials.of(OPS), "text/plain", "reason=maintenance"),
                415, "unsupported-media-type");
        assertProblem(api.send("POST", "/api/incident/isolate", Credentials.of(OPS), "application/x-www-form-urlencoded",
                "reason=maintenance"), 415, "unsupported-media-type");
        assertProblem(api.send("POST", "/api/channels/sms/suspend", Credentials.of(OPS), null, reason("no content type")),
                415, "unsupported-media-type");
        assertThat(api.controlState()).doesNotContain("SUSPENDED").doesNotContain("ISOLATED");
    }

    // --- illegal transitions -----------------------------------------------------------------------

    @Test
    void resumingAnActiveChannelIsIllegalAndChangesNothing() {
        long auditBefore = api.auditCount();
        assertProblem(api.post("/api/channels/sms/resume", OPS, reason("not suspended")), 409, "illegal-transition");
        assertThat(api.state("sms")).isEqualTo("ACTIVE");
        assertThat(api.auditCount()).isEqualTo(auditBefore);
    }

    @Test
    void suspendingTwiceIsIllegalAndKeepsTheFirstSuspension() {
        ok(api.post("/api/channels/payments/suspend", OPS, reason("terminal backend maintenance")));
        long auditBefore = api.auditCount();
        JsonNode lastChange = api.channel("payments").path("lastChange");

        assertProblem(api.post("/api/channels/payments/suspend", OPS, reason("again")), 409, "illegal-transition");

        JsonNode after = api.channel("payments");
        assertThat(after.path("state").asText()).isEqualTo("SUSPENDED");
        assertThat(after.path("lastChange")).isEqualTo(lastChange);
        assertThat(api.auditCount()).isEqualTo(auditBefore);
    }

    @Test
    void breakerOnAChannelWithoutBreakerIsIllegal() {
        long auditBefore = api.auditCount();
        for (String action : List.of("FORCE_OPEN", "FORCE_CLOSED", "RESET")) {
            assertProblem(api.post("/api/channels/scheduling/breaker", OPS,
                    "{\"action\":\"" + action + "\",\"reason\":\"no breaker here\"}"), 409, "illegal-transition");
        }
        assertThat(api.auditCount()).isEqualTo(auditBefore);
    }

    @Test
    void forcingTheBreakerIntoTheModeItIsInIsIllegal() {
        ok(api.post("/api/channels/sms/breaker", OPS, "{\"action\":\"FORCE_OPEN\",\"reason\":\"smsc down\"}"));
        assertProblem(api.post("/api/channels/sms/breaker", OPS, "{\"action\":\"FORCE_OPEN\",\"reason\":\"again\"}"),
                409, "illegal-transition");
        assertThat(api.channel("sms").path("breaker").path("mode").asText()).isEqualTo("FORCED_OPEN");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"EXPLODE\"", "\"reset\"", "42", "\"\"", "[\"RESET\"]"})
    void unknownBreakerActionIsBadRequest(String action) {
        JsonNode problem = assertProblem(api.post("/api/channels/sms/breaker", OPS,
                "{\"action\":" + action + ",\"reason\":\"test\"}"), 400, "malformed-request");
        assertThat(problem.path("detail").asText()).contains("action");
        assertThat(api.channel("sms").path("breaker").path("mode").asText()).isEqualTo("AUTO");
    }

    @Test
    void missingBreakerActionIsValidationError() {
        JsonNode problem = assertProblem(api.post("/api/channels/sms/breaker", OPS, reason("no action")), 400, "validation");
        assertThat(fields(problem)).containsExactly("action");
    }

    // --- incident ----------------------------------------------------------------------------------

    @Test
    void restoreWithoutChannelsIsValidationError() {
        ok(api.post("/api/incident/isolate", OPS, reason("ransomware suspected")));
        for (String channels : List.of("[]", "null")) {
            JsonNode problem = assertProblem(api.post("/api/incident/restore", OPS,
                    "{\"channels\":" + channels + ",\"reason\":\"restore nothing\"}"), 400, "validation");
            assertThat(fields(problem)).containsExactly("channels");
        }
        JsonNode blank = assertProblem(api.post("/api/incident/restore", OPS,
                "{\"channels\":[\" \"],\"reason\":\"restore blank\"}"), 400, "validation");
        assertThat(fields(blank)).singleElement().asString().startsWith("channels");
        assertProblem(api.post("/api/incident/restore", OPS, "{\"channels\":[\"fax\"],\"reason\":\"restore fax\"}"),
                404, "unknown-channel");
        assertThat(api.controlState()).isEqualTo(
                "sms=ISOLATED/AUTO incident=" + incident() + "; payments=ISOLATED/AUTO incident=" + incident()
                        + "; scheduling=ISOLATED/- incident=" + incident() + "; ");
    }

    @Test
    void restoreWithoutOpenIncidentIsIllegal() {
        long auditBefore = api.auditCount();
        assertProblem(api.post("/api/incident/restore", OPS, "{\"channels\":[\"sms\"],\"reason\":\"nothing open\"}"),
                409, "illegal-transition");
        assertThat(api.auditCount()).isEqualTo(auditBefore);
    }

    @Test
    void isolatingTwiceAndResumingAnIsolatedChannelAreIllegal() {
        ok(api.post("/api/incident/isolate", OPS, reason("ransomware suspected")));
        String isolated = api.controlState();
        long auditBefore = api.auditCount();
        assertProblem(api.post("/api/incident/isolate", OPS, reason("again")), 409, "illegal-transition");
        assertProblem(api.post("/api/channels/sms/resume", OPS, reason("sneak back")), 409, "illegal-transition");
        assertThat(api.controlState()).isEqualTo(isolated);
        assertThat(api.auditCount()).isEqualTo(auditBefore);
    }

    private String incident() {
        return api.channel("sms").path("incidentId").asText();
    }

    // --- audit query -------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"page=-1", "size=10000", "size=0", "from=notadate", "to=2024-13-45T00:00:00Z",
            "page=abc", "size=1e3", "page=99999999999"})
    void badAuditQueryIsBadRequest(String query) {
        JsonNode problem = assertProblem(api.get("/api/audit?" + query, "auditor"), 400, "validation");
        String parameter = query.substring(0, query.indexOf('='));
        assertThat(fields(problem)).as(query).containsExactly(parameter);
    }

    @Test
    void goodAuditQueryAnswers() {
        JsonNode page = ok(api.get("/api/audit?channel=sms&from=2020-01-01T00:00:00Z&to=2999-01-01T00:00:00Z&page=0&size=500",
                "auditor")).json();
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

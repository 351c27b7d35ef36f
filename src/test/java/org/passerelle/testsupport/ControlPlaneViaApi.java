package org.passerelle.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.passerelle.testsupport.Api.ok;
import static org.passerelle.testsupport.Api.reason;
import static org.passerelle.testsupport.Role.OPS;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** The control plane as ops see it over the API: channel states, audit size, and a reset to the baseline. */
public final class ControlPlaneViaApi {

    private final Api api;

    public ControlPlaneViaApi(Api api) {
        this.api = api;
    }

    public JsonNode channel(String id) {
        return ok(api.as(OPS).get("/api/channels/" + id)).json();
    }

    public String state(String id) {
        return channel(id).path("state").asText();
    }

    public long auditCount() {
        return ok(api.as(OPS).get("/api/audit?size=1")).json().path("totalItems").asLong();
    }

    /** Channel states, breaker modes and open incident, as a comparable string. */
    public String summary() {
        StringBuilder s = new StringBuilder();
        for (JsonNode c : ok(api.as(OPS).get("/api/channels")).json()) {
            s.append(c.path("id").asText()).append('=').append(c.path("state").asText())
                    .append('/').append(c.path("breaker").path("mode").asText("-"))
                    .append(" incident=").append(c.path("incidentId").asText("none")).append("; ");
        }
        return s.toString();
    }

    /**
     * Brings the control plane back to the baseline: no incident, every channel ACTIVE, every breaker AUTO.
     * Test classes share one Spring context (and database), so each starts from here.
     */
    public void reset() {
        JsonNode channels = ok(api.as(OPS).get("/api/channels")).json();
        List<String> isolated = new ArrayList<>();
        boolean incidentOpen = false;
        for (JsonNode c : channels) {
            incidentOpen |= !c.path("incidentId").isMissingNode() && !c.path("incidentId").isNull();
            if ("ISOLATED".equals(c.path("state").asText())) {
                isolated.add(c.path("id").asText());
            }
        }
        if (incidentOpen && !isolated.isEmpty()) {
            String body = "{\"channels\":[\"" + String.join("\",\"", isolated) + "\"],\"reason\":\"test reset\"}";
            ok(api.as(OPS).post("/api/incident/restore", body));
        }
        for (JsonNode c : ok(api.as(OPS).get("/api/channels")).json()) {
            String id = c.path("id").asText();
            if ("SUSPENDED".equals(c.path("state").asText())) {
                ok(api.as(OPS).post("/api/channels/" + id + "/resume", reason("test reset")));
            }
            JsonNode breaker = c.path("breaker");
            if (!breaker.isMissingNode() && !breaker.isNull() && !"AUTO".equals(breaker.path("mode").asText())) {
                ok(api.as(OPS).post("/api/channels/" + id + "/breaker", "{\"action\":\"RESET\",\"reason\":\"test reset\"}"));
            }
        }
        assertThat(summary()).as("control plane baseline")
                .isEqualTo("sms=ACTIVE/AUTO incident=none; payments=ACTIVE/AUTO incident=none; scheduling=ACTIVE/- incident=none; ");
    }
}

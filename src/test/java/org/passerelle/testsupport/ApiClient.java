package org.passerelle.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A real HTTP client against the running test server (java.net.http, so a 401 with a body is read like
 * any other answer). Test users have their user name as password.
 */
public final class ApiClient {

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String base;

    public ApiClient(int port) {
        this.base = "http://localhost:" + port;
    }

    /** Who calls: a user and password, or nobody ({@link #ANONYMOUS}). */
    public record Credentials(String user, String password) {
        public static Credentials of(String user) {
            return new Credentials(user, user);
        }

        @Override
        public String toString() {
            return user == null ? "anonymous" : user;
        }
    }

    public static final Credentials ANONYMOUS = new Credentials(null, null);

    public Reply get(String path, String user) {
        return send("GET", path, Credentials.of(user), null, null);
    }

    public Reply post(String path, String user, String json) {
        return send("POST", path, Credentials.of(user), "application/json", json);
    }

    public Reply send(String method, String path, Credentials who, String contentType, String body) {
        return sendWithHeaders(method, path, who, contentType == null ? Map.of() : Map.of("Content-Type", contentType), body);
    }

    public Reply sendWithHeaders(String method, String path, Credentials who, Map<String, String> headers, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        headers.forEach(request::header);
        if (who != null && who.user() != null) {
            String token = Base64.getEncoder().encodeToString(
                    (who.user() + ":" + who.password()).getBytes(StandardCharsets.UTF_8));
            request.header("Authorization", "Basic " + token);
        }
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Reply(method + " " + path + " as " + who, response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** One HTTP answer; {@code call} describes the request for assertion messages. */
    public record Reply(String call, int status, HttpHeaders headers, String body) {

        public Optional<String> header(String name) {
            return headers.firstValue(name);
        }

        public String contentType() {
            return headers.firstValue("Content-Type").orElse("");
        }

        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (JsonProcessingException e) {
                throw new AssertionError(call + ": body is not JSON: " + body, e);
            }
        }

        public String describe() {
            return call + " -> " + status + " " + contentType() + " " + body;
        }
    }

    /** Asserts a 2xx answer and returns it. */
    public static Reply ok(Reply reply) {
        assertThat(reply.status()).as(reply.describe()).isBetween(200, 299);
        return reply;
    }

    // --- control plane helpers (as ops) -------------------------------------------------------------

    public static String reason(String text) {
        try {
            return JSON.writeValueAsString(Map.of("reason", text));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public JsonNode channel(String id) {
        return ok(get("/api/channels/" + id, "ops")).json();
    }

    public String state(String id) {
        return channel(id).path("state").asText();
    }

    public long auditCount() {
        return ok(get("/api/audit?size=1", "ops")).json().path("totalItems").asLong();
    }

    /** Channel states, breaker modes and open incident, as a comparable string. */
    public String controlState() {
        StringBuilder s = new StringBuilder();
        for (JsonNode c : ok(get("/api/channels", "ops")).json()) {
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
    public void resetControlPlane() {
        JsonNode channels = ok(get("/api/channels", "ops")).json();
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
            ok(post("/api/incident/restore", "ops", body));
        }
        for (JsonNode c : ok(get("/api/channels", "ops")).json()) {
            String id = c.path("id").asText();
            if ("SUSPENDED".equals(c.path("state").asText())) {
                ok(post("/api/channels/" + id + "/resume", "ops", reason("test reset")));
            }
            JsonNode breaker = c.path("breaker");
            if (!breaker.isMissingNode() && !breaker.isNull() && !"AUTO".equals(breaker.path("mode").asText())) {
                ok(post("/api/channels/" + id + "/breaker", "ops", "{\"action\":\"RESET\",\"reason\":\"test reset\"}"));
            }
        }
        assertThat(controlState()).as("control plane baseline")
                .isEqualTo("sms=ACTIVE/AUTO incident=none; payments=ACTIVE/AUTO incident=none; scheduling=ACTIVE/- incident=none; ");
    }
}

package org.passerelle.testsupport;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Consumer;
import org.passerelle.PasserelleApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * One full Passerelle application (profile {@code test}, random port) started in this JVM, as one replica.
 * Several can run side by side; give them the same database arguments and they share the control plane.
 */
public final class PasserelleInstance implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String name;
    private final ConfigurableApplicationContext context;
    private final int port;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private PasserelleInstance(String name, ConfigurableApplicationContext context) {
        this.name = name;
        this.context = context;
        this.port = ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    public static PasserelleInstance start(String name, List<String> args) {
        return start(name, args, b -> { });
    }

    /**
     * @param args       command-line arguments ({@code --key=value}); they outrank application-test.yml
     * @param customizer adds listeners or initializers (e.g. probes) before the run
     */
    public static PasserelleInstance start(String name, List<String> args, Consumer<SpringApplicationBuilder> customizer) {
        SpringApplicationBuilder builder = new SpringApplicationBuilder(PasserelleApplication.class).profiles("test");
        customizer.accept(builder);
        List<String> all = new ArrayList<>(args);
        all.add("--server.port=0");
        all.add("--spring.application.name=passerelle-" + name);
        return new PasserelleInstance(name, builder.run(all.toArray(String[]::new)));
    }

    public String name() {
        return name;
    }

    public int port() {
        return port;
    }

    public ConfigurableApplicationContext context() {
        return context;
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    /** GET as {@code user} (test users' password is their name). */
    public Response get(String path, String user) {
        return send(request(path, user).GET().build());
    }

    /** POST a JSON body as {@code user}. */
    public Response post(String path, String user, String json) {
        return send(request(path, user)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8))
                .build());
    }

    /** PUT a JSON body as {@code user}. */
    public Response put(String path, String user, String json) {
        return send(request(path, user)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8))
                .build());
    }

    /** POST {@code {"reason": reason}} as {@code user}. */
    public Response postReason(String path, String user, String reason) {
        return post(path, user, json(java.util.Map.of("reason", reason)));
    }

    public static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private HttpRequest.Builder request(String path, String user) {
        String credentials = Base64.getEncoder().encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8));
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Basic " + credentials)
                .header("Accept", "application/json, application/problem+json");
    }

    private Response send(HttpRequest request) {
        try {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Response(r.statusCode(), r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(name + ": " + request.method() + " " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    @Override
    public void close() {
        context.close();
    }

    @Override
    public String toString() {
        return "instance " + name + " (port " + port + ")";
    }

    public record Response(int status, String body) {
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new IllegalStateException("Not JSON (HTTP " + status + "): " + body, e);
            }
        }

        @Override
        public String toString() {
            return "HTTP " + status + " " + body;
        }
    }
}

package org.passerelle.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/** Requests made by one caller (a role, explicit credentials or nobody); immutable, headers add up. */
public final class ApiCaller {

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private final String base;
    private final String who;
    private final Map<String, String> headers;

    private ApiCaller(String base, String who, Map<String, String> headers) {
        this.base = base;
        this.who = who;
        this.headers = Map.copyOf(headers);
    }

    static ApiCaller authenticated(String base, String user, String password) {
        String token = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return new ApiCaller(base, user, Map.of("Authorization", "Basic " + token));
    }

    static ApiCaller anonymous(String base) {
        return new ApiCaller(base, "anonymous", Map.of());
    }

    /** The same caller sending one more header. */
    public ApiCaller header(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new ApiCaller(base, who, more);
    }

    /** Adds {@code Idempotency-Key}; {@code null} sends none. */
    public ApiCaller idempotencyKey(String key) {
        return key == null ? this : header("Idempotency-Key", key);
    }

    public ApiResponse get(String path) {
        return send("GET", path, null, null);
    }

    public ApiResponse delete(String path) {
        return send("DELETE", path, null, null);
    }

    /** POST a JSON body ({@code null}: an empty body, still declared as JSON). */
    public ApiResponse post(String path, String json) {
        return send("POST", path, "application/json", json);
    }

    public ApiResponse put(String path, String json) {
        return send("PUT", path, "application/json", json);
    }

    /** Any method, any content type ({@code null}: no Content-Type header), any body ({@code null}: none). */
    public ApiResponse send(String method, String path, String contentType, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(90)) // longer than the longest long poll the API allows (60 s)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        headers.forEach(request::header);
        String call = method + " " + path + " as " + who;
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new ApiResponse(call, response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(call + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(call + " interrupted", e);
        }
    }

    @Override
    public String toString() {
        return who;
    }
}

package org.passerelle.testsupport;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpHeaders;
import java.util.Optional;

/** One HTTP answer; {@code call} says which request (method, path, caller) for assertion messages. */
public record ApiResponse(String call, int status, HttpHeaders headers, String body) {

    private static final ObjectMapper JSON = new ObjectMapper();

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

    @Override
    public String toString() {
        return describe();
    }
}

package org.passerelle.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;

/**
 * The one HTTP client of the tests, against a running Passerelle (real socket, java.net.http, so a 401 with a
 * body is read like any other answer). Every call names who makes it:
 * {@code api.as(Role.OPS).post("/api/channels/sms/suspend", reason("drill"))},
 * {@code api.as(CASHIER).idempotencyKey(key).post("/api/payments", body)}, {@code api.anonymous().get(...)}.
 */
public final class Api {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String base;

    private Api(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    public static Api onPort(int port) {
        return new Api(port);
    }

    /** Calls as the test user of {@code role} (password = user name). */
    public ApiCaller as(Role role) {
        return ApiCaller.authenticated(base, role.user(), role.user());
    }

    /** Calls with no Authorization header. */
    public ApiCaller anonymous() {
        return ApiCaller.anonymous(base);
    }

    /** Calls with explicit credentials, for wrong passwords and unknown users. */
    public ApiCaller withCredentials(String user, String password) {
        return ApiCaller.authenticated(base, user, password);
    }

    /** Asserts a 2xx answer and returns it. */
    public static ApiResponse ok(ApiResponse response) {
        assertThat(response.status()).as(response.describe()).isBetween(200, 299);
        return response;
    }

    /** {@code {"reason": text}}, the body of every control-plane command. */
    public static String reason(String text) {
        return json(Map.of("reason", text));
    }

    public static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}

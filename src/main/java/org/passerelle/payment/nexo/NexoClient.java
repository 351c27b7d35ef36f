package org.passerelle.payment.nexo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;

/**
 * POSTs one SaleToPOIRequest to the terminal backend and returns its JSON answer. Never retries: a
 * payment is sent once, and what happened to it is asked with TransactionStatus, never by resending.
 * Logs nothing; the API key travels in the x-API-key header only.
 */
public class NexoClient {

    private final HttpClient http;
    private final URI url;
    private final String apiKey;
    private final ObjectMapper json;

    public NexoClient(URI url, String apiKey, Duration connectTimeout, ObjectMapper json) {
        this.url = url;
        this.apiKey = apiKey == null ? "" : apiKey;
        this.json = json;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** Sends and reads the answer; an empty 2xx body (AbortRequest) gives a missing node. */
    public JsonNode exchange(NexoMessages.Outgoing message, Duration timeout)
            throws TerminalBackendException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(url)
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes(message)));
        if (!apiKey.isEmpty()) {
            request.header("x-API-key", apiKey);
        }
        HttpResponse<byte[]> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpConnectTimeoutException | ConnectException | UnresolvedAddressException e) {
            throw new TerminalBackendException(TerminalBackendException.Kind.NOT_DELIVERED, 0,
                    "cannot connect to the terminal backend (" + e.getClass().getSimpleName() + ")");
        } catch (HttpTimeoutException e) {
            throw new TerminalBackendException(TerminalBackendException.Kind.NO_ANSWER, 0,
                    "no answer within " + timeout.toMillis() + " ms");
        } catch (IOException e) {
            throw new TerminalBackendException(TerminalBackendException.Kind.NO_ANSWER, 0,
                    "connection lost before the answer (" + e.getClass().getSimpleName() + ")");
        }
        int status = response.statusCode();
        if (status >= 500) {
            throw new TerminalBackendException(TerminalBackendException.Kind.SERVER_ERROR, status, "HTTP " + status);
        }
        if (status >= 300) {
            throw new TerminalBackendException(TerminalBackendException.Kind.REFUSED, status, "HTTP " + status);
        }
        byte[] body = response.body();
        if (body == null || body.length == 0) {
            return json.missingNode();
        }
        try {
            return json.readTree(body);
        } catch (IOException e) {
            throw new TerminalBackendException(TerminalBackendException.Kind.MALFORMED, status, "answer is not JSON");
        }
    }

    private byte[] bytes(NexoMessages.Outgoing message) {
        try {
            return json.writeValueAsBytes(message.body());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a nexo message", e);
        }
    }
}

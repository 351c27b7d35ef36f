package org.passerelle.payment.nexo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import org.apache.camel.Exchange;
import org.apache.camel.InvalidPayloadException;

/**
 * The two ends of a payments route around the HTTP call: {@link #toJson} writes the request's body and
 * the only headers that leave (no Camel header reaches the backend), {@link #readAnswer} turns the HTTP
 * status and JSON body into the caller's answer or a {@link TerminalBackendException}. Logs nothing.
 */
public class NexoHttp {

    static final String REQUEST = "passerelle.nexoRequest";

    private final ObjectMapper json;

    /** A plain mapper of its own: the wire format must not change with the API's JSON settings. */
    public NexoHttp() {
        this.json = new ObjectMapper();
    }

    public void toJson(Exchange exchange) throws InvalidPayloadException {
        TerminalRequest<?> request = exchange.getMessage().getMandatoryBody(TerminalRequest.class);
        exchange.setProperty(REQUEST, request);
        exchange.getMessage().removeHeaders("*");
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
        exchange.getMessage().setHeader(Exchange.HTTP_METHOD, "POST");
        exchange.getMessage().setBody(bytes(request.message()));
    }

    public void readAnswer(Exchange exchange) throws TerminalBackendException {
        TerminalRequest<?> request = exchange.getProperty(REQUEST, TerminalRequest.class);
        int status = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
        byte[] body = exchange.getMessage().getBody(byte[].class);
        exchange.getMessage().removeHeaders("*");
        if (status >= 500) {
            throw new TerminalBackendException(TerminalBackendException.Kind.SERVER_ERROR, status, "HTTP " + status);
        }
        if (status >= 300 || status < 200) {
            throw new TerminalBackendException(TerminalBackendException.Kind.REFUSED, status, "HTTP " + status);
        }
        exchange.getMessage().setBody(request.reader().read(parse(body, status)));
    }

    /** An empty 2xx body (AbortRequest) gives a missing node. */
    private JsonNode parse(byte[] body, int status) throws TerminalBackendException {
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

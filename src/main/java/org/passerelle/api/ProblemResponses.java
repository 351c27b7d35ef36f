package org.passerelle.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/**
 * Writes a problem+json answer where Spring MVC does not (servlet filters, Tomcat's own error pages), with the
 * same security headers Spring Security puts on every other answer.
 */
public final class ProblemResponses {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ProblemResponses() {
    }

    /** Sets the status, the security headers and a problem+json body; {@code extra} members may be empty. */
    public static void write(HttpServletResponse response, HttpStatus status, URI type, String title, String detail,
                             Map<String, Object> extra) throws IOException {
        byte[] body = body(status, type, title, detail, extra);
        response.setStatus(status.value());
        ErrorPages.SECURITY_HEADERS.forEach(response::setHeader);
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
        response.flushBuffer();
    }

    static byte[] body(HttpStatus status, URI type, String title, String detail, Map<String, Object> extra) {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", type.toString());
        problem.put("title", title);
        problem.put("status", status.value());
        problem.put("detail", detail);
        problem.putAll(extra);
        try {
            return JSON.writeValueAsString(problem).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a problem document of plain values always serialises", e);
        }
    }
}

package org.passerelle.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.passerelle.api.ProblemHandling;
import org.passerelle.api.ProblemTypes;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/** 401 and 403 as problem+json, like every other client error. */
final class ProblemAuthenticationHandlers {

    private final ObjectMapper json;

    ProblemAuthenticationHandlers(ObjectMapper json) {
        this.json = json;
    }

    AuthenticationEntryPoint entryPoint() {
        return (request, response, e) -> {
            response.setHeader("WWW-Authenticate", "Basic realm=\"passerelle\"");
            write(response, ProblemHandling.problem(HttpStatus.UNAUTHORIZED, ProblemTypes.UNAUTHENTICATED,
                    "Authentication required", "Send valid credentials (HTTP Basic)"));
        };
    }

    AccessDeniedHandler accessDenied() {
        return (request, response, e) -> write(response, ProblemHandling.problem(HttpStatus.FORBIDDEN,
                ProblemTypes.FORBIDDEN, "Forbidden", "Your role does not allow this operation"));
    }

    private void write(HttpServletResponse response, ProblemDetail problem) throws IOException {
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }
}

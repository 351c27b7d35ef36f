package org.passerelle.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import java.util.Set;
import org.passerelle.api.ProblemHandling;
import org.passerelle.api.ProblemResponses;
import org.passerelle.api.ProblemTypes;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/**
 * A request the security firewall refuses (an unknown method, '//', '..', ';' or an encoded separator in the URL, a
 * control character in a header) is answered here, directly: a 405 with {@code Allow} for a method, else a 400, as
 * problem+json with the security headers. (Forwarding to {@code /error} would not do: the error dispatch keeps the
 * request's method and is refused again, leaving an empty answer.)
 */
final class FirewallProblems implements RequestRejectedHandler {

    private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS", "PATCH");

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, RequestRejectedException e)
            throws IOException {
        if (!METHODS.contains(request.getMethod())) {
            response.setHeader("Allow", "GET, HEAD, POST, PUT, DELETE, OPTIONS");
            ProblemResponses.write(response, HttpStatus.METHOD_NOT_ALLOWED, ProblemTypes.METHOD_NOT_ALLOWED,
                    "Method not allowed", "This method is not served here", Map.of());
            return;
        }
        ProblemResponses.write(response, HttpStatus.BAD_REQUEST, ProblemTypes.MALFORMED, "Malformed request",
                ProblemHandling.rejectedDetail(e), Map.of());
    }
}

package org.passerelle.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.passerelle.api.ProblemResponses;
import org.passerelle.api.ProblemTypes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * In front of HTTP Basic: an attempt for a locked user name or from a locked address is answered 429 with
 * {@code Retry-After} before any password is checked (no bcrypt is spent on it), whatever the password, so a lock
 * tells a guesser nothing. After the chain, the outcome (authenticated, or a 401) goes to {@link LoginAudit}.
 */
final class LoginThrottleFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(LoginThrottleFilter.class);

    private final LoginThrottle throttle;
    private final LoginAudit audit;

    LoginThrottleFilter(LoginThrottle throttle, LoginAudit audit) {
        this.throttle = throttle;
        this.audit = audit;
    }

    /** Whether HTTP Basic (further down the chain) authenticated this request as {@code user}. */
    private static boolean authenticatedAs(String user) {
        Authentication a = SecurityContextHolder.getContext().getAuthentication();
        return a != null && a.isAuthenticated() && !(a instanceof AnonymousAuthenticationToken) && user.equals(a.getName());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<String> user = basicUser(request.getHeader(HttpHeaders.AUTHORIZATION));
        if (user.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        Optional<LoginThrottle.Lock> lock = throttle.refusal(user.get(), request.getRemoteAddr());
        if (lock.isEmpty()) {
            chain.doFilter(request, response);
            audit.outcome(user.get(), request.getRemoteAddr(), authenticatedAs(user.get()), response.getStatus());
            return;
        }
        LoginThrottle.Lock l = lock.get();
        log.debug("Login refused without a password check: {} {} locked for {} s more",
                l.scope() == LoginThrottle.Lock.Scope.USER ? "user" : "address",
                l.scope() == LoginThrottle.Lock.Scope.USER ? LoginAudit.loggable(user.get()) : request.getRemoteAddr(),
                l.retryAfterSeconds());
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(l.retryAfterSeconds()));
        ProblemResponses.write(response, HttpStatus.TOO_MANY_REQUESTS, ProblemTypes.LOGIN_THROTTLED,
                "Too many failed logins",
                (l.scope() == LoginThrottle.Lock.Scope.USER ? "Too many failed logins for this user name"
                        : "Too many failed logins from this address")
                        + "; no password is checked until the lock lifts, in " + l.retryAfterSeconds() + " s.",
                Map.of("retryAfterSeconds", l.retryAfterSeconds()));
    }

    /** The user name of {@code Authorization: Basic ...}, read as Spring Security reads it (UTF-8, up to the first ':'). */
    static Optional<String> basicUser(String header) {
        if (header == null || header.length() < 6 || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 ? Optional.empty() : Optional.of(decoded.substring(0, colon));
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty(); // Spring Security answers 401 without checking any password
        }
    }
}

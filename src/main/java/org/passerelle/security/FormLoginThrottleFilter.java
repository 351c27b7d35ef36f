package org.passerelle.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The login page's share of {@link LoginThrottle}, the same counters as HTTP Basic: a locked user name or address
 * is sent back to the login page before any password is checked; after the form login, a failure counts against
 * both and a success clears the user's count.
 */
final class FormLoginThrottleFilter extends OncePerRequestFilter {

    private final LoginThrottle throttle;
    private final LoginAudit audit;

    FormLoginThrottleFilter(LoginThrottle throttle, LoginAudit audit) {
        this.throttle = throttle;
        this.audit = audit;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !("POST".equals(request.getMethod()) && "/login".equals(request.getServletPath()));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String user = Optional.ofNullable(request.getParameter("username")).orElse("");
        Optional<LoginThrottle.Lock> lock = throttle.refusal(user, request.getRemoteAddr());
        if (lock.isPresent()) {
            response.sendRedirect(request.getContextPath() + "/login?locked=" + lock.get().retryAfterSeconds());
            return;
        }
        chain.doFilter(request, response);
        Authentication a = SecurityContextHolder.getContext().getAuthentication();
        boolean authenticated = a != null && a.isAuthenticated() && !(a instanceof AnonymousAuthenticationToken)
                && user.equals(a.getName());
        audit.outcome(user, request.getRemoteAddr(), authenticated, authenticated ? 200 : 401);
    }
}

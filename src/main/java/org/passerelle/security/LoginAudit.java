package org.passerelle.security;

import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * Feeds {@link LoginThrottle} from Spring Security's authentication events and writes the audit line when a lock
 * starts: the user name (when it is a valid one; never the password) and the client address.
 */
final class LoginAudit {

    private static final Logger log = LoggerFactory.getLogger(LoginAudit.class);
    private static final Pattern USER_NAME = Pattern.compile("[A-Za-z0-9._@-]{1,64}");

    private final LoginThrottle throttle;
    private final LoginThrottleSettings settings;

    LoginAudit(LoginThrottle throttle, LoginThrottleSettings settings) {
        this.throttle = throttle;
        this.settings = settings;
    }

    @EventListener
    void failed(AuthenticationFailureBadCredentialsEvent event) {
        String user = event.getAuthentication().getName();
        String address = address(event.getAuthentication());
        Optional<LoginThrottle.Lock> lock = throttle.failed(user, address);
        lock.ifPresent(l -> log.warn("LOGIN LOCKED {}: {} failed logins for user '{}' from {} within {}; "
                        + "attempts refused with 429 for {} s, no password checked",
                l.scope(), l.failures(), loggable(user), address, settings.window(), l.retryAfterSeconds()));
    }

    @EventListener
    void succeeded(AuthenticationSuccessEvent event) {
        throttle.succeeded(event.getAuthentication().getName());
    }

    private static String address(Authentication authentication) {
        return authentication.getDetails() instanceof WebAuthenticationDetails web ? web.getRemoteAddress() : null;
    }

    /** A user name as it may be logged: a mistyped password in the name field, or markup, is not printed. */
    static String loggable(String user) {
        return user != null && USER_NAME.matcher(user).matches() ? user : "(not a valid user name)";
    }
}

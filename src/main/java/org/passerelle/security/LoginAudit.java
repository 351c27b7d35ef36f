package org.passerelle.security;

import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds {@link LoginThrottle} with the outcome of each HTTP Basic attempt and writes the audit line when a lock
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

    /** After HTTP Basic had its say: a success clears the user's count, a 401 counts against user and address. */
    void outcome(String user, String address, boolean authenticated, int status) {
        if (authenticated) {
            throttle.succeeded(user);
            return;
        }
        if (status != 401) {
            return;
        }
        Optional<LoginThrottle.Lock> lock = throttle.failed(user, address);
        lock.ifPresent(l -> log.warn("LOGIN LOCKED {}: {} failed logins for user '{}' from {} within {}; "
                        + "attempts refused with 429 for {} s, no password checked",
                l.scope(), l.failures(), loggable(user), address, settings.window(), l.retryAfterSeconds()));
    }

    /** A user name as it may be logged: a mistyped password in the name field, or markup, is not printed. */
    static String loggable(String user) {
        return user != null && USER_NAME.matcher(user).matches() ? user : "(not a valid user name)";
    }
}
